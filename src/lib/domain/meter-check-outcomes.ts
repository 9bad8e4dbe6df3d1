// What a meter check can find and do, on their own: the customer's pages read them without the crew's command module.
export const METER_TEST_RESULTS = ['accurate', 'fast', 'slow', 'stopped', 'damaged', 'clock_drift'] as const;
export type MeterTestResult = (typeof METER_TEST_RESULTS)[number];
export const METER_CHECK_ACTIONS = ['none', 'adjusted', 'replaced'] as const;
export type MeterCheckAction = (typeof METER_CHECK_ACTIONS)[number];
