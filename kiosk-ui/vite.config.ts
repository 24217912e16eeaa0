import { uiViteConfig } from '../scripts/uiViteConfig.mjs';

// The kiosk app, the visitors' status page and the public booking page.
export default uiViteConfig('/kiosk/', { index: 'index.html', status: 'status.html', book: 'book.html' });
