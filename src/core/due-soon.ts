/**
 * "Due soon" looks this far ahead, everywhere: the plan's badge and filter, the Plans page, the
 * dashboard, the digest and the SharePoint view. Four weeks: four weekly digests, so no deadline
 * leaves "due soon" between two digests before it is overdue. Its own module, with no imports,
 * because the tab bundles it.
 */
export const DUE_SOON_DAYS = 28;
