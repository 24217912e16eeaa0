import { BookApp } from './book/BookApp';
import { mountPage } from './mountPage';
import './status/status.css';
import './busy.css';
import './book/book.css';

mountPage(<BookApp />);
