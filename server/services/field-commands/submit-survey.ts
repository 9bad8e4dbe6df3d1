// Server side of submitSurvey: the survey row, written with the batch's others at the push's end.
import { serverCommand } from './types';

export default serverCommand('submitSurvey', {
	async write(_tx, ctx, { batch, record, payload }) {
		batch.surveys.push({ id: ctx.newId(), ...record, data: payload });
	}
});
