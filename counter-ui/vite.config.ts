import { uiViteConfig } from '../scripts/uiViteConfig.mjs';

export default uiViteConfig('/counter/');
