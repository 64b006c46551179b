export { fakeTiming } from './fake-timing';
