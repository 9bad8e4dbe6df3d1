// Issue 12, item 6 (intake): a meter check taken in from the serial alone — the customer comes from the meter
// register —, its location picked on the map (the map's tiles are unreachable here, so it says so and the click still
// works; typed coordinates move the marker), and a large phone photo compressed in the browser and accepted.
import { expect, test } from '@playwright/test';
import { logInToConsole } from './support';
import { meterAsSupervisor } from './meter-support';

const SERIAL = 'HN-CT-0008';

test('intake: the meter register fills the customer, the map sets the location, a large photo is compressed', async ({ page, request }) => {
	test.setTimeout(120_000);
	const register = await meterAsSupervisor(request, SERIAL);
	await logInToConsole(page);
	await page.goto('/console/new');
	await page.getByLabel('Tìm dịch vụ theo số hoặc tên').fill('41');
	await page.getByRole('radio', { name: /^41\. / }).check();
	await page.getByLabel('Số sê-ri công tơ').fill(SERIAL);
	await page.getByLabel('Số sê-ri công tơ').blur();
	await expect(page.getByTestId('intake-register')).toContainText(register!.customer.name);
	await expect(page.getByLabel('Họ tên khách hàng')).toHaveValue(register!.customer.name);
	await expect(page.getByLabel('Địa chỉ', { exact: true })).not.toHaveValue('');

	// the map: a click sets the coordinates; no words about a picker "to come"
	await expect(page.getByTestId('intake-map-slot')).not.toContainText('sẽ có ở đây');
	const map = page.getByTestId('intake-map');
	await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached();
	await map.click({ position: { x: 120, y: 90 } });
	await expect(page.getByLabel('Vĩ độ')).not.toHaveValue('');
	await expect(page.getByTestId('intake-map-picked')).toContainText('Vị trí đã chọn');
	// typed coordinates are the way when tiles cannot load
	await page.getByLabel('Vĩ độ').fill('21.0285');
	await page.getByLabel('Kinh độ').fill('105.8542');
	await expect(page.getByTestId('intake-map-picked')).toContainText('21.028500, 105.854200');

	// a phone photo of several megabytes: compressed before upload, accepted
	const big = await page.evaluate(async () => {
		const canvas = document.createElement('canvas');
		canvas.width = 3000;
		canvas.height = 2250;
		const g = canvas.getContext('2d')!;
		const image = g.createImageData(3000, 2250);
		// a photo-like picture: a gradient with fine grain, which JPEG cannot squeeze much at high quality
		for (let i = 0; i < image.data.length; i += 4) {
			const p = i / 4;
			const x = p % 3000;
			const grain = ((p * 2654435761) >>> 24) % 40;
			image.data[i] = (x / 12 + grain) & 255;
			image.data[i + 1] = (p / 30000 + grain) & 255;
			image.data[i + 2] = 120 + grain;
			image.data[i + 3] = 255;
		}
		g.putImageData(image, 0, 0);
		const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.97));
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (let j = 0; j < bytes.length; j += 0x8000) binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
		return btoa(binary);
	});
	const buffer = Buffer.from(big, 'base64');
	expect(buffer.byteLength, 'more than the server takes (2 MB)').toBeGreaterThan(2_200_000);
	await page.getByTestId('documents-input').setInputFiles([{ name: 'cccd-mat-truoc.jpg', mimeType: 'image/jpeg', buffer }]);
	const doc = page.getByTestId('intake-document');
	await expect(doc).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.getByTestId('intake-code')).toContainText(/YC-\d{4}-\d{5}/);
});
