// The administration (admins only; supervisors and crews are answered 403 in words): users, crews, the dated price
// list, VAT rates, holidays, and the record of every change. Routes parse and delegate; services/admin-* hold the rules.
import { createRoute } from '@hono/zod-openapi';
import {
	adminChangeList,
	adminIdParam,
	adminOverview as adminOverviewSchema,
	createdId,
	disableBody,
	holidayDateParam,
	holidayList,
	holidayYearQuery,
	issuedPassword,
	newCrewBody,
	newHolidayBody,
	newPriceBody,
	newUnitBody,
	newUserBody,
	newVatBody,
	priceListOverview as priceListOverviewSchema,
	renameCrewBody,
	userPlacementBody
} from '../../src/lib/api/admin';
import { okResponse } from '../../src/lib/api/common';
import { requireRole, requireUser } from '../auth/middleware';
import { recentChanges } from '../services/admin-changes';
import { holidaysOverview, priceListOverview, removeHoliday, setHoliday, setMaterialPrice, setVatRate } from '../services/admin-settings';
import { adminOverview, createCrew, createUnit, createUser, deactivateCrew, renameCrew, resetPassword, setUserDisabled, updateUserPlacement } from '../services/admin-users';
import { bearer, errors, json, jsonBody, routes } from './contract';

const overview = createRoute({
	method: 'get',
	path: '/',
	summary: 'Users, crews and units (admins only)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	responses: { 200: json(adminOverviewSchema), ...errors(401, 403) }
});
const changes = createRoute({
	method: 'get',
	path: '/changes',
	summary: 'The record of administration changes, newest first, in words (admins only)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	responses: { 200: json(adminChangeList), ...errors(401, 403) }
});
const prices = createRoute({
	method: 'get',
	path: '/prices',
	summary: 'The price list in force today, every dated entry, and the VAT rates (admins only)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	responses: { 200: json(priceListOverviewSchema), ...errors(401, 403) }
});
const holidays = createRoute({
	method: 'get',
	path: '/holidays',
	summary: "A year's holidays as deadlines count them (admins only)",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { query: holidayYearQuery },
	responses: { 200: json(holidayList), ...errors(400, 401, 403) }
});

const createUserRoute = createRoute({
	method: 'post',
	path: '/users',
	summary: 'Create a user; the password is answered once',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newUserBody) },
	responses: { 201: json(issuedPassword.extend({ id: createdId.shape.id })), ...errors(400, 401, 403, 409) }
});
const updateUserRoute = createRoute({
	method: 'patch',
	path: '/users/{id}',
	summary: "A user's name, role, unit or crew (moving a member between crews and units)",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: adminIdParam, body: jsonBody(userPlacementBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403, 404, 409) }
});
const disableUserRoute = createRoute({
	method: 'post',
	path: '/users/{id}/disabled',
	summary: "Disable (its sessions end) or enable a user; the last active admin cannot be disabled",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: adminIdParam, body: jsonBody(disableBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403, 404, 409) }
});
const resetPasswordRoute = createRoute({
	method: 'post',
	path: '/users/{id}/password',
	summary: "A new password for a user, answered once; the user's sessions end",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: adminIdParam },
	responses: { 200: json(issuedPassword), ...errors(401, 403, 404) }
});
const createCrewRoute = createRoute({
	method: 'post',
	path: '/crews',
	summary: 'Create a crew in a unit',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newCrewBody) },
	responses: { 201: json(createdId), ...errors(400, 401, 403) }
});
const createUnitRoute = createRoute({
	method: 'post',
	path: '/units',
	summary: 'Create a unit (điện lực) with the address and representative its contracts name',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newUnitBody) },
	responses: { 201: json(createdId), ...errors(400, 401, 403) }
});
const renameCrewRoute = createRoute({
	method: 'patch',
	path: '/crews/{id}',
	summary: 'Rename a crew',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: adminIdParam, body: jsonBody(renameCrewBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403, 404) }
});
const deactivateCrewRoute = createRoute({
	method: 'post',
	path: '/crews/{id}/deactivate',
	summary: 'Deactivate a crew with no open job (the refusal names the requests that block it)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: adminIdParam },
	responses: { 200: json(okResponse), ...errors(401, 403, 404, 409) }
});
const setPriceRoute = createRoute({
	method: 'post',
	path: '/prices',
	summary: "A material's price from a date (today or later); estimates already priced and contracts keep theirs",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newPriceBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403) }
});
const setVatRoute = createRoute({
	method: 'post',
	path: '/vat',
	summary: 'The VAT rate from a date (today or later)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newVatBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403) }
});
const setHolidayRoute = createRoute({
	method: 'post',
	path: '/holidays',
	summary: "Add (or rename) a holiday; the year's list then replaces its defaults, and deadlines count with it",
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { body: jsonBody(newHolidayBody) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403) }
});
const removeHolidayRoute = createRoute({
	method: 'delete',
	path: '/holidays/{date}',
	summary: 'Remove a holiday (a working day again)',
	security: bearer,
	middleware: [requireUser, requireRole('admin')] as const,
	request: { params: holidayDateParam },
	responses: { 200: json(okResponse), ...errors(400, 401, 403, 404) }
});

const ok = { ok: true as const };

export const adminRoutes = routes()
	.openapi(overview, async (c) => c.json(await adminOverview(c.var.deps), 200))
	.openapi(changes, async (c) => c.json({ changes: await recentChanges(c.var.deps.database.db) }, 200))
	.openapi(prices, async (c) => c.json(await priceListOverview(c.var.deps), 200))
	.openapi(holidays, async (c) => c.json(await holidaysOverview(c.var.deps, c.req.valid('query').year), 200))
	.openapi(createUserRoute, async (c) => c.json(await createUser(c.var.deps, c.var.user, c.req.valid('json')), 201))
	.openapi(updateUserRoute, async (c) => {
		await updateUserPlacement(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json'));
		return c.json(ok, 200);
	})
	.openapi(disableUserRoute, async (c) => {
		await setUserDisabled(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').disabled);
		return c.json(ok, 200);
	})
	.openapi(resetPasswordRoute, async (c) => c.json(await resetPassword(c.var.deps, c.var.user, c.req.valid('param').id), 200))
	.openapi(createUnitRoute, async (c) => c.json(await createUnit(c.var.deps, c.var.user, c.req.valid('json')), 201))
	.openapi(createCrewRoute, async (c) => c.json(await createCrew(c.var.deps, c.var.user, c.req.valid('json')), 201))
	.openapi(renameCrewRoute, async (c) => {
		await renameCrew(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').name);
		return c.json(ok, 200);
	})
	.openapi(deactivateCrewRoute, async (c) => {
		await deactivateCrew(c.var.deps, c.var.user, c.req.valid('param').id);
		return c.json(ok, 200);
	})
	.openapi(setPriceRoute, async (c) => {
		await setMaterialPrice(c.var.deps, c.var.user, c.req.valid('json'));
		return c.json(ok, 200);
	})
	.openapi(setVatRoute, async (c) => {
		await setVatRate(c.var.deps, c.var.user, c.req.valid('json'));
		return c.json(ok, 200);
	})
	.openapi(setHolidayRoute, async (c) => {
		await setHoliday(c.var.deps, c.var.user, c.req.valid('json'));
		return c.json(ok, 200);
	})
	.openapi(removeHolidayRoute, async (c) => {
		await removeHoliday(c.var.deps, c.var.user, c.req.valid('param').date);
		return c.json(ok, 200);
	});
