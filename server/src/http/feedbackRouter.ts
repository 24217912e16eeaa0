import { Router } from 'express';
import { FeedbackRequest } from '../protocol/index.js';
import type { FeedbackService } from '../feedback/feedbackService.js';
import { body, param } from './parse.js';
import { routesOn } from './routeTable.js';

/** The visitor rates their finished visit, once: GET tells the status page whether to ask, POST gives the rating. */
export function feedbackRouter(feedback: FeedbackService): Router {
  const r = Router();
  const on = routesOn(r, null);
  on('visitorFeedback', (req, res) => {
    res.json(feedback.status(param(req, 'token')));
  });
  on('giveFeedback', (req, res) => {
    const receipt = feedback.give(param(req, 'token'), body(FeedbackRequest, req));
    res.status(201).json(receipt);
  });
  return r;
}
