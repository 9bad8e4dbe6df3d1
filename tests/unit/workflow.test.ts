import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	REQUEST_STATES,
	ROLES,
	STATE_LABELS,
	TERMINAL_STATES,
	TRANSITIONS,
	TRANSITION_NAMES,
	applyTransition,
	availableTransitions,
	isTerminal,
	type RequestSnapshot,
	type RequestState,
	type Role,
	type TransitionName,
	type TransitionResult
} from '../../src/lib/domain/workflow';

const fresh = (): RequestSnapshot => ({ state: 'submitted', version: 1, installed: false });

type Step = [TransitionName, Role];

/** Applies the steps in order, failing the test on the first refusal. */
function run(start: RequestSnapshot, steps: readonly Step[]): RequestSnapshot {
	let r = start;
	for (const [name, role] of steps) {
		const res = applyTransition(r, name, role);
		if (!res.ok) throw new Error(`${name} as ${role} refused at ${r.state}: ${res.reason.en}`);
		r = res.request;
	}
	return r;
}

function refusal(res: TransitionResult) {
	if (res.ok) throw new Error(`expected a refusal, got ${res.from} -> ${res.to}`);
	return res;
}

const ON_SITE_PATH: Step[] = [
	['scheduleSurvey', 'system'],
	['submitSurvey', 'crew'],
	['submitEstimate', 'crew'],
	['recordPayment', 'system'],
	['draftContract', 'supervisor'],
	['recordInstallation', 'crew'],
	['signOnSite', 'crew'],
	['countersign', 'supervisor'],
	['complete', 'system']
];

const TO_PAID: Step[] = ON_SITE_PATH.slice(0, 4);

describe('workflow examples', () => {
	it('on-site path: submitted → … → completed, one version per step', () => {
		let r = fresh();
		const seen: RequestState[] = [r.state];
		for (const [name, role] of ON_SITE_PATH) {
			const before = r.version;
			r = run(r, [[name, role]]);
			expect(r.version).toBe(before + 1);
			seen.push(r.state);
		}
		expect(seen).toEqual([
			'submitted',
			'survey_scheduled',
			'surveyed',
			'estimated',
			'paid',
			'contract_drafted',
			'contract_drafted',
			'customer_signed',
			'utility_signed',
			'completed'
		]);
		expect(r).toEqual({ state: 'completed', version: 10, installed: true });
		expect(isTerminal(r.state)).toBe(true);
	});

	it('remote path with one correction loop', () => {
		const r = run(fresh(), [
			...TO_PAID,
			['draftContract', 'system'],
			['requestRemoteSigning', 'system'],
			['requestCorrection', 'customer'],
			['draftContract', 'supervisor'],
			['requestRemoteSigning', 'supervisor'],
			['signRemote', 'customer'],
			['recordInstallation', 'crew'],
			['countersign', 'supervisor'],
			['complete', 'supervisor']
		]);
		expect(r).toEqual({ state: 'completed', version: 14, installed: true });
	});

	it('installation can be recorded while a correction is pending, and only once', () => {
		let r = run(fresh(), [
			...TO_PAID,
			['draftContract', 'system'],
			['requestRemoteSigning', 'crew'],
			['requestCorrection', 'customer']
		]);
		expect(r.state).toBe('correction_requested');
		r = run(r, [['recordInstallation', 'crew']]);
		expect(r).toEqual({ state: 'correction_requested', version: 9, installed: true });
		const again = refusal(applyTransition(r, 'recordInstallation', 'crew'));
		expect(again.code).toBe('guard_failed');
		expect(again.reason.vi).toContain('Đã ghi nhận thi công cho yêu cầu này');
	});

	it('complete is refused before the installation is recorded', () => {
		const r = run(fresh(), [
			...TO_PAID,
			['draftContract', 'system'],
			['signOnSite', 'crew'],
			['countersign', 'supervisor']
		]);
		expect(r).toEqual({ state: 'utility_signed', version: 8, installed: false });
		const res = refusal(applyTransition(r, 'complete', 'system'));
		expect(res.code).toBe('guard_failed');
		expect(res.reason.vi).toContain('Chưa ghi nhận thi công');
		expect(res.reason.vi).toContain('Hoàn tất thủ tục');
		expect(res.reason.vi).toContain('Điện lực đã ký');
		expect(res.reason.en).toMatch(/installation/i);
		expect(availableTransitions(r, 'system')).toEqual([]);
		expect(availableTransitions(r, 'crew')).toEqual(['recordInstallation']);
		const done = run(r, [
			['recordInstallation', 'crew'],
			['complete', 'system']
		]);
		expect(done).toEqual({ state: 'completed', version: 10, installed: true });
	});

	it('crew cannot countersign', () => {
		const r = run(fresh(), [...TO_PAID, ['draftContract', 'system'], ['signOnSite', 'crew']]);
		const res = refusal(applyTransition(r, 'countersign', 'crew'));
		expect(res.code).toBe('forbidden_role');
		expect(res.reason.vi).toContain('Tổ công tác hiện trường');
		expect(res.reason.vi).toContain('Điện lực ký số hợp đồng');
		expect(res.reason.vi).toContain('Khách hàng đã ký');
		expect(applyTransition(r, 'countersign', 'supervisor').ok).toBe(true);
	});

	it('customer can cancel before payment but not after; supervisor can', () => {
		const estimated = run(fresh(), TO_PAID.slice(0, 3));
		expect(estimated.state).toBe('estimated');
		const early = applyTransition(estimated, 'cancel', 'customer');
		expect(early.ok && early.request).toEqual({ state: 'cancelled', version: 5, installed: false });

		const paid = run(estimated, [TO_PAID[3]]);
		const res = refusal(applyTransition(paid, 'cancel', 'customer'));
		expect(res.code).toBe('guard_failed');
		expect(res.reason.vi).toContain('Đã thanh toán');
		expect(res.reason.vi).toContain('trước khi thanh toán');
		expect(res.reason.en).toContain('before payment');

		const bySupervisor = applyTransition(paid, 'cancel', 'supervisor');
		expect(bySupervisor.ok && bySupervisor.request).toEqual({
			state: 'cancelled',
			version: 6,
			installed: false
		});
		expect(refusal(applyTransition(paid, 'cancel', 'crew')).code).toBe('forbidden_role');
		expect(refusal(applyTransition(paid, 'cancel', 'system')).code).toBe('forbidden_role');
	});

	it('unknown transition is refused, including Object prototype names', () => {
		for (const name of ['fly', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
			const res = refusal(applyTransition(fresh(), name, 'supervisor'));
			expect(res.code).toBe('unknown_transition');
			expect(res.reason.vi.length).toBeGreaterThan(0);
			expect(res.reason.en.length).toBeGreaterThan(0);
		}
	});

	it('stale base version is refused; a matching one is accepted', () => {
		const r = fresh();
		const res = refusal(applyTransition(r, 'scheduleSurvey', 'system', { baseVersion: 0 }));
		expect(res.code).toBe('stale_version');
		expect(res.reason.vi).toContain('máy chủ');
		expect(res.reason.en).toContain('changed on the server');
		expect(applyTransition(r, 'scheduleSurvey', 'system', { baseVersion: 1 }).ok).toBe(true);
		expect(applyTransition(r, 'scheduleSurvey', 'system', {}).ok).toBe(true);
	});

	it('wrong-state reasons name the action and the state', () => {
		const estimated = run(fresh(), TO_PAID.slice(0, 3));
		const res = refusal(applyTransition(estimated, 'submitSurvey', 'crew'));
		expect(res.code).toBe('wrong_state');
		expect(res.reason.vi).toBe('Không thể "Gửi khảo sát" khi yêu cầu đang ở trạng thái "Đã lập dự toán"');
		expect(res.reason.en).toBe('Cannot "Submit the survey" while the request is in state "Estimate drawn up"');
	});

	it('checks in order: unknown → stale_version → wrong_state → forbidden_role → guard', () => {
		const r = fresh();
		const code = (res: TransitionResult) => refusal(res).code;
		expect(code(applyTransition(r, 'nope', 'customer', { baseVersion: 99 }))).toBe('unknown_transition');
		// wrong state and wrong role too, but the version is checked first
		expect(code(applyTransition(r, 'countersign', 'crew', { baseVersion: 99 }))).toBe('stale_version');
		// wrong state and wrong role: state first
		expect(code(applyTransition(r, 'countersign', 'crew'))).toBe('wrong_state');
		// customer cancel after payment by a role not allowed at all: role before guard
		const paid = run(r, TO_PAID);
		expect(code(applyTransition(paid, 'cancel', 'crew'))).toBe('forbidden_role');
		expect(code(applyTransition(paid, 'cancel', 'customer'))).toBe('guard_failed');
		// 'complete' not installed, wrong role: role first
		const signed = run(paid, [
			['draftContract', 'system'],
			['signOnSite', 'crew'],
			['countersign', 'supervisor']
		]);
		expect(code(applyTransition(signed, 'complete', 'crew'))).toBe('forbidden_role');
		expect(code(applyTransition(signed, 'complete', 'supervisor'))).toBe('guard_failed');
	});

	it('the input snapshot is never mutated', () => {
		const r = Object.freeze(fresh());
		const res = applyTransition(r, 'scheduleSurvey', 'supervisor');
		expect(res.ok).toBe(true);
		expect(r).toEqual({ state: 'submitted', version: 1, installed: false });
		if (res.ok) expect(res.request).not.toBe(r);

		const drafted = Object.freeze(run(fresh(), [...TO_PAID, ['draftContract', 'system']]));
		const copy = { ...drafted };
		const inst = applyTransition(drafted, 'recordInstallation', 'crew');
		expect(inst.ok && inst.request).toEqual({ state: 'contract_drafted', version: 7, installed: true });
		expect(drafted).toEqual(copy);
	});

	it('terminal states and labels', () => {
		expect([...TERMINAL_STATES].sort()).toEqual(['cancelled', 'completed']);
		for (const s of REQUEST_STATES) expect(isTerminal(s)).toBe(s === 'completed' || s === 'cancelled');
		expect(STATE_LABELS.submitted.vi).toBe('Đã tiếp nhận');
		expect(STATE_LABELS.correction_requested.vi).toBe('Khách hàng yêu cầu chỉnh sửa');
		for (const s of REQUEST_STATES) {
			expect(STATE_LABELS[s].vi.length).toBeGreaterThan(0);
			expect(STATE_LABELS[s].en.length).toBeGreaterThan(0);
		}
	});

	it('steps follow seed 001', () => {
		const steps = Object.fromEntries(TRANSITION_NAMES.map((n) => [n, TRANSITIONS[n].step]));
		expect(steps).toEqual({
			scheduleSurvey: 2,
			submitSurvey: 3,
			submitEstimate: 4,
			recordPayment: 6,
			draftContract: 7,
			recordInstallation: 8,
			recordMeterCheck: 0,
			signOnSite: 9,
			requestRemoteSigning: 10,
			sendInstalledAddendum: 10,
			signRemote: 11,
			requestCorrection: 11,
			answerCorrection: 11,
			countersign: 12,
			complete: 13,
			cancel: 0,
			// the other processes of the catalog are not seed 001's steps
			startReview: 0,
			decide: 0,
			notifyDecision: 0,
			sendDocumentForSigning: 0,
			startInvestigation: 0,
			answerCustomer: 0,
			orderMeterCheck: 0,
			dispatchCrew: 0,
			recordFix: 0,
			close: 0
		});
		for (const n of TRANSITION_NAMES) expect(TRANSITIONS[n].name).toBe(n);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties

const stateArb = fc.constantFrom(...REQUEST_STATES);
const roleArb = fc.constantFrom(...ROLES);
const nameArb = fc.constantFrom(...TRANSITION_NAMES);
const snapshotArb = fc.record({
	state: stateArb,
	version: fc.integer({ min: 1, max: 1_000_000 }),
	installed: fc.boolean()
});

interface Node {
	state: RequestState;
	installed: boolean;
}
const key = (n: Node) => `${n.state}|${n.installed}`;

/** BFS over TRANSITIONS alone (from, to, roles, guard), without calling applyTransition. */
function bfs(): Map<string, { node: Node; path: Step[] }> {
	const start: Node = { state: 'submitted', installed: false };
	const seen = new Map<string, { node: Node; path: Step[] }>([[key(start), { node: start, path: [] }]]);
	const queue: Node[] = [start];
	while (queue.length > 0) {
		const node = queue.shift()!;
		const { path } = seen.get(key(node))!;
		for (const t of Object.values(TRANSITIONS)) {
			if (!t.from.includes(node.state)) continue;
			const snap = { ...node, version: 1 };
			const role = t.roles.find((ro) => !t.guard || t.guard(snap, ro) === null);
			if (!role) continue;
			const next: Node = {
				state: t.to === 'same' ? node.state : t.to,
				installed: node.installed || t.name === 'recordInstallation'
			};
			if (seen.has(key(next))) continue;
			seen.set(key(next), { node: next, path: [...path, [t.name, role]] });
			queue.push(next);
		}
	}
	return seen;
}

describe('workflow properties', () => {
	it('every transition names valid states and roles', () => {
		const states = new Set<string>(REQUEST_STATES);
		for (const t of Object.values(TRANSITIONS)) {
			expect(t.from.length).toBeGreaterThan(0);
			for (const s of t.from) expect(states.has(s)).toBe(true);
			expect(t.to === 'same' || states.has(t.to)).toBe(true);
			expect(t.roles.length).toBeGreaterThan(0);
			for (const ro of t.roles) expect(ROLES).toContain(ro);
			for (const s of t.from) expect(isTerminal(s)).toBe(false);
			expect(t.label.vi.length).toBeGreaterThan(0);
			expect(t.label.en.length).toBeGreaterThan(0);
		}
	});

	it("every state except 'submitted' has an incoming transition; 'submitted' has none", () => {
		for (const s of REQUEST_STATES) {
			const incoming = Object.values(TRANSITIONS).filter(
				(t) => t.to === s || (t.to === 'same' && t.from.includes(s))
			);
			if (s === 'submitted') expect(incoming).toEqual([]);
			else expect(incoming.length, s).toBeGreaterThan(0);
		}
	});

	it('every state is reachable from submitted (BFS), and each BFS path replays through applyTransition', () => {
		const reached = bfs();
		const states = new Set([...reached.values()].map((v) => v.node.state));
		expect([...states].sort()).toEqual([...REQUEST_STATES].sort());
		for (const { node, path } of reached.values()) {
			const r = run(fresh(), path);
			expect(r).toEqual({ ...node, version: 1 + path.length });
		}
	});

	it('random walks through applyTransition visit every state', () => {
		const visited = new Set<RequestState>();
		const reachable = new Set([...bfs().keys()]);
		// Each step picks one of the currently accepted (transition, role) pairs; cancel rarely.
		const walkArb = fc.array(
			fc.record({ pick: fc.nat(), allowCancel: fc.integer({ min: 0, max: 9 }).map((x) => x === 0) }),
			{ minLength: 1, maxLength: 40 }
		);
		fc.assert(
			fc.property(walkArb, (walk) => {
				let r = fresh();
				visited.add(r.state);
				for (const { pick, allowCancel } of walk) {
					const options = ROLES.flatMap((ro) =>
						availableTransitions(r, ro)
							.filter((n) => allowCancel || n !== 'cancel')
							.map((n): Step => [n, ro])
					);
					if (options.length === 0) break;
					const [name, role] = options[pick % options.length];
					const res = applyTransition(r, name, role);
					expect(res.ok).toBe(true);
					if (!res.ok) return;
					expect(res.request.version).toBe(r.version + 1);
					r = res.request;
					visited.add(r.state);
					expect(reachable.has(key(r))).toBe(true);
				}
			}),
			{ numRuns: 400 }
		);
		expect([...visited].sort()).toEqual([...REQUEST_STATES].sort());
	});

	it('terminal states accept no transition for any role, installed flag or version', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...TERMINAL_STATES),
				fc.boolean(),
				fc.integer({ min: 1, max: 1_000 }),
				roleArb,
				nameArb,
				(state, installed, version, role, name) => {
					const r = { state, installed, version };
					expect(applyTransition(r, name, role).ok).toBe(false);
					expect(applyTransition(r, name, role, { baseVersion: version }).ok).toBe(false);
					expect(availableTransitions(r, role)).toEqual([]);
				}
			)
		);
	});

	it('version rises by exactly one per accepted transition and is unchanged by refusals', () => {
		const attemptArb = fc.record({
			name: fc.oneof({ weight: 9, arbitrary: nameArb }, { weight: 1, arbitrary: fc.string() }),
			role: roleArb,
			stale: fc.integer({ min: 0, max: 19 }).map((x) => x === 0)
		});
		fc.assert(
			fc.property(fc.array(attemptArb, { maxLength: 60 }), (attempts) => {
				let r = fresh();
				let accepted = 0;
				for (const { name, role, stale } of attempts) {
					const before = { ...r };
					const res = applyTransition(r, name, role, stale ? { baseVersion: r.version - 1 } : undefined);
					expect(r).toEqual(before);
					if (res.ok) {
						accepted++;
						const t = TRANSITIONS[name as TransitionName];
						expect(res.from).toBe(before.state);
						expect(res.to).toBe(t.to === 'same' ? before.state : t.to);
						expect(res.request).toEqual({
							state: res.to,
							version: before.version + 1,
							installed: before.installed || name === 'recordInstallation'
						});
						r = res.request;
					} else {
						if (stale && Object.hasOwn(TRANSITIONS, name))
							expect(res.code).toBe('stale_version');
						expect(res.reason.vi.length).toBeGreaterThan(0);
						expect(res.reason.en.length).toBeGreaterThan(0);
					}
					expect(r.version).toBe(1 + accepted);
				}
			})
		);
	});

	it('availableTransitions lists exactly the accepted transitions', () => {
		fc.assert(
			fc.property(snapshotArb, roleArb, (r, role) => {
				const available = availableTransitions(r, role);
				for (const n of TRANSITION_NAMES) expect(available.includes(n)).toBe(applyTransition(r, n, role).ok);
			})
		);
	});

	it('refusal reasons for wrong_state name the action and the state in both languages', () => {
		fc.assert(
			fc.property(snapshotArb, roleArb, nameArb, (r, role, name) => {
				const res = applyTransition(r, name, role);
				if (res.ok || res.code !== 'wrong_state') return;
				expect(res.reason.vi).toContain(`"${TRANSITIONS[name].label.vi}"`);
				expect(res.reason.vi).toContain(`"${STATE_LABELS[r.state].vi}"`);
				expect(res.reason.en).toContain(`"${TRANSITIONS[name].label.en}"`);
				expect(res.reason.en).toContain(`"${STATE_LABELS[r.state].en}"`);
			})
		);
	});
});
