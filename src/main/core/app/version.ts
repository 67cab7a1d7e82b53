// Kept in step with package.json by test/main/app/version.test.ts (importing package.json here
// would pull the whole manifest into the main bundle).
export const APP_VERSION = '0.1.0'
