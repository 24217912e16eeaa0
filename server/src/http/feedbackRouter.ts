import { Router } from 'express';
import { FeedbackRequest } from '../protocol/index.js';
import type { FeedbackService } from '../feedback/feedbackService.js';
import { body, param } from './parse.js';

/** POST /tickets/status/:token/feedback: the visitor rates their finished visit, once. */
export function feedbackRouter(feedback: FeedbackService): Router {
  const r = Router();
  r.post('/tickets/status/:token/feedback', (req, res) => {
    const receipt = feedback.give(param(req, 'token'), body(FeedbackRequest, req));
    res.status(201).json(receipt);
  });
  return r;
}
