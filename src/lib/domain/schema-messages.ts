// The words of the shared schemas (the field commands' payloads, written in Vietnamese, the base language): each is a
// catalog message, so the tablet's forms, its list of refused commands and the server's 400 answer show the same
// refusal in the reader's language. Pure: usable by the PWA and the server.
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import type { Text } from '../text';
import { rememberedSchemaText } from './schema-text';

/** The shared command schemas' messages: the catalog gives each one in every language. */
const SCHEMA_MESSAGES: readonly ((inputs?: object, options?: { locale?: 'vi' | 'en' }) => string)[] = [
	m.crew_field_chooseWhetherTheCustomerIsPresent,
	m.crew_field_chooseTheSiteCondition,
	m.crew_field_enterTheDistanceM,
	m.crew_field_theDistanceFromMeterToHouse,
	m.crew_field_atMost500MFartherNeeds,
	m.crew_field_chooseSingleOrThreePhase,
	m.crew_field_enterTheExpectedLoadKw,
	m.crew_field_theExpectedLoadMustBeMore,
	m.crew_field_atMost200KwForA,
	m.crew_field_chooseTheCableRoute,
	m.crew_field_atMost500Characters,
	m.crew_field_atMost2000Characters,
	m.crew_field_atLeast1SitePhotoIs,
	m.crew_field_atLeast1MeterPhotoIs,
	m.crew_field_atMost10Photos,
	m.common_field_invalidPhotoHash,
	m.crew_field_thisMaterialCodeIsNotIn,
	m.crew_field_enterTheQuantity,
	m.crew_field_theQuantityMustBeMoreThan,
	m.crew_field_theQuantityIsTooLarge,
	m.crew_field_atMost2Decimals,
	m.crew_field_theEstimateNeedsAtLeast1,
	m.crew_field_atMost100Lines,
	m.crew_field_eachMaterialOnlyOnce,
	m.crew_field_recordAtLeast1MaterialUsed,
	m.crew_field_enterTheMeterSerialNumber,
	m.crew_field_meterSerial432LettersOr,
	m.crew_field_enterTheMeterReadingKwh,
	m.crew_field_theMeterReadingCannotBeNegative,
	m.crew_field_theReadingHasMoreDigitsThan,
	m.crew_field_atMost1Decimal,
	m.crew_field_aPhotoOfTheMeterFace,
	m.crew_field_enterAtLeast1SealNumber,
	m.crew_field_aSealNumberHasAtMost,
	m.crew_field_eachSealNumberOnlyOnce,
	m.crew_field_atLeast1PhotoBeforeThe,
	m.crew_field_atLeast1PhotoAfterThe,
	m.crew_field_enterTheSigningCode,
	m.crew_field_theSigningCodeHasExactly6,
	m.crew_field_wrongCodeADigitMayBe,
	m.crew_field_noSignatureYet,
	m.crew_field_theSignatureImageIsTooLarge,
	m.crew_field_invalidSignatureImage,
	m.crew_field_theSignatureHasTooManyPoints,
	m.crew_field_enterTheSignersFullName,
	m.crew_field_chooseAReason,
	m.crew_field_readTheWholeContractBeforeSigning,
	m.crew_field_onlyInstallationJobsTakeTheInstallation,
	m.crew_field_theRequestHasNoContractOn,
	m.crew_field_theContractOnThisTabletHas,
	m.crew_field_theReadingIsTooLarge,
	m.crew_field_theSealIsNotIntactA,
	m.crew_field_chooseWhetherTheSealIsIntact,
	m.crew_field_chooseTheTestResult,
	m.crew_field_enterTheError,
	m.crew_field_enterTheMeasuredError,
	m.crew_field_theErrorIsAtLeast100,
	m.crew_field_theErrorIsAtMost1000,
	m.crew_field_theErrorIsANumberE,
	m.crew_field_aMeterThatRunsFastHas,
	m.crew_field_aMeterThatRunsSlowHas,
	m.crew_field_chooseTheActionTaken,
	m.crew_field_meterReplacedEnterTheNewMeter,
	m.crew_field_enterANewMeterOnlyFor,
	m.crew_field_theNewMetersSerialIsThe,
	m.crew_field_theOldMetersFinalReadingIs,
	m.crew_field_chooseTheNewMetersType,
	m.crew_field_enterTheRegisterDigits,
	m.crew_field_aRegisterHasAtLeast4,
	m.crew_field_aRegisterHasAtMost9,
	m.crew_field_aPhotoOfTheNewMeter,
	m.crew_field_aPhotoOfTheOldMeter,
	m.crew_field_onlyAnElectronicMeterHasA,
	m.crew_field_abnormalReadingTakeASecondPhoto,
	m.crew_field_theConfirmingPhotoMustBeA,
	m.crew_field_enterTheConfirmationCode,
	m.crew_field_onlyMeterCheckJobsTakeA,
	m.crew_field_enterTheRepairReport,
	m.crew_field_theRepairReportIsTooShort,
	m.crew_field_theRepairReportIsTooLong,
	m.crew_field_theRepairReportHasControl,
	m.crew_field_atMost6Photos,
	m.crew_field_onlyRepairJobsTakeARepair,
	m.server_refusal_documentPath
];

let byVietnamese: Map<string, (typeof SCHEMA_MESSAGES)[number]> | undefined;

function messageOf(vietnamese: string) {
	byVietnamese ??= new Map(SCHEMA_MESSAGES.map((fn) => [fn({}, { locale: 'vi' }), fn]));
	return byVietnamese.get(vietnamese);
}

/** A schema's Vietnamese message in the catalog's languages, or undefined when the catalog does not hold it. */
export function schemaMessageText(vietnamese: string): Text | undefined {
	const remembered = rememberedSchemaText(vietnamese);
	if (remembered) return remembered;
	const message = messageOf(vietnamese);
	return message ? { vi: vietnamese, en: message({}, { locale: 'en' }) } : undefined;
}

/** A schema's Vietnamese message in the current UI language (the message's own words when the catalog lacks it). */
export function schemaMessage(vietnamese: string): string {
	const remembered = rememberedSchemaText(vietnamese);
	if (remembered) return remembered[getLocale() === 'en' ? 'en' : 'vi'];
	return messageOf(vietnamese)?.() ?? vietnamese;
}
