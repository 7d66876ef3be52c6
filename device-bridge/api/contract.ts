// Moved to device-bridge/contract/ (the wire contract's own room). This shim
// keeps `../../device-bridge/api/contract` imports of kiosk-ui/journey/ working
// until they point at the barrel; delete it then.
export * from '../contract';
