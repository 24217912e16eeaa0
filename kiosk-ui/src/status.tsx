import { mountPage } from './mountPage';
import { StatusApp } from './status/StatusApp';
import './status/status.css';
import './busy.css';

mountPage(<StatusApp />);
