export { FleetScreen } from './FleetScreen'
