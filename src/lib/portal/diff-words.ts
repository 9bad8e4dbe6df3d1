// A difference between two contract versions (src/lib/domain/correction.ts#diffContractTerms) in words, for the
// customer's portal and the supervisor's version editor. Numbers and days in the Vietnamese way.
import type { TermsChange } from '$lib/domain/correction';
import { dayMonthYear, vnd } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';

const qty = (q: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(q);

export function changeWords(change: TermsChange): string {
	switch (change.kind) {
		case 'line_added':
			return m.common_diff_lineAdded({ name: change.line.name, quantity: qty(change.line.quantity), unit: change.line.unit });
		case 'line_removed':
			return m.common_diff_lineRemoved({ name: change.line.name, quantity: qty(change.line.quantity), unit: change.line.unit });
		case 'quantity_changed':
			return m.common_diff_quantity({ name: change.line.name, from: qty(change.from), to: qty(change.to), unit: change.line.unit });
		case 'amount_changed': {
			const words = { from: vnd(change.from), to: vnd(change.to) };
			return { customer: m.common_diff_amountCustomer, utility: m.common_diff_amountUtility, total: m.common_diff_amountTotal }[change.part](words);
		}
		case 'vat_changed':
			return m.common_diff_vat({ from: change.from, to: change.to });
		case 'party_changed': {
			const words = { from: change.from || m.common_diff_nothing(), to: change.to || m.common_diff_nothing() };
			return {
				'customer.name': m.common_diff_customerName,
				'customer.phone': m.common_diff_customerPhone,
				'customer.email': m.common_diff_customerEmail,
				'customer.address': m.common_diff_customerAddress,
				siteAddress: m.common_diff_siteAddress
			}[change.field](words);
		}
		case 'install_by_changed':
			return m.common_diff_installBy({
				from: change.from ? dayMonthYear(change.from) : m.common_diff_nothing(),
				to: change.to ? dayMonthYear(change.to) : m.common_diff_nothing()
			});
	}
}
