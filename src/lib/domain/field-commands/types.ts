// What a field command declares in the registry (see ./index.ts and docs/architecture.md, "Field commands").
import type { z } from 'zod';
import type { JobKind, JobView } from '../api';
import type { Material } from '../materials';
import type { Label, RequestSnapshot, TransitionName } from '../workflow';

/** The form (tablet draft) a command is made in; a redo puts its payload back there. */
export type DraftKind = 'survey' | 'estimate' | 'install' | 'sign' | 'check' | 'fix';
/** The form module (src/lib/components/field/<form>-form.ts) that makes the payload and reads it back as text. */
export type FieldForm = 'survey' | 'estimate' | 'install' | 'sign' | 'remote' | 'check' | 'fix';
/** The part of the job panel a pending command of this kind is shown against. */
export type FieldSection = 'survey' | 'estimate' | 'installation' | 'signing' | 'meterCheck' | 'repair';
export type MaterialLookup = (code: string) => Material | undefined;
export type JobRequest = JobView['request'];

/** A refusal with its code and words, the same on the tablet and on the server; `field` names the form field ('' the form). */
export interface FieldRefusal {
	code: string;
	reason: Label;
	field: string;
}

export interface FieldCommandDef<N extends string = string, S extends z.ZodType = z.ZodType> {
	name: N & TransitionName;
	/** The payload with every rule the form holds (the server refuses what the form refuses). */
	payload: S;
	/** Job kinds the command is recorded on, and the words when it is not. */
	jobKinds: readonly JobKind[];
	wrongJobKind: Label;
	/** The request states the command applies in (its transition's `from`, stated here for readers; the workflow decides). */
	states: readonly RequestSnapshot['state'][];
	/** Every photo (blob hash) the payload names; read loosely, the payload may not have passed its schema. */
	photos(payload: unknown): string[];
	draft: DraftKind;
	form: FieldForm;
	section: FieldSection;
	/** Its name as the crew reads it ("Kết quả khảo sát"), from the message catalog. */
	label: () => string;
	/** The job is done once the command is applied. */
	completesJob: boolean;
	/** The command changes its request only through its own transition (a push batch may keep the locked row). */
	transitionOnly: boolean;
	/** A check of the payload beyond its schema, against a price list: the tablet's before queueing, today's on the server. */
	/** `vatPercent`: the VAT rate in force on the estimate's date, when the caller knows it. */
	checkPayload?(payload: z.output<S>, lookup: MaterialLookup, vatPercent?: number): FieldRefusal | null;
	/** A check against the job as the tablet has it; the server makes the same check against its rows (its own module). */
	checkOnTablet?(payload: z.output<S>, job: Pick<JobView, 'request'>): FieldRefusal | null;
	/** The optimistic effect on the request beside the transition (the record the server will store). */
	effect?(request: JobRequest, payload: unknown, submittedAt: string, lookup: MaterialLookup): JobRequest;
	/**
	 * While pending, its transition is not shown as done: the request keeps its state (one version up, so the next
	 * command names the right base) and reads awaiting the code — a signature whose code passed only the offline check digit.
	 */
	awaitsCodeWhilePending?: true;
	/** A transition the server applies right after this one when it can (installation after the countersignature). */
	then?: { from: RequestSnapshot['state']; name: TransitionName };
}

export const defineCommand = <N extends string, S extends z.ZodType>(def: FieldCommandDef<N, S>): FieldCommandDef<N, S> => def;
