import express, { type Router } from 'express';
import type { Guard } from './simulator-api';
import type { XStore } from './simulator-data';
import { forbidden, invalidId, invalidRequest, resourceProblem, sendProblem, validId, type EndpointSpec, type ParameterError } from './simulator-http';
import { renderUser } from './simulator-render';

/** platforms.md §3.3. The scope of PUT /2/users/me is [U]: we require tweet.write, which Proctor asks for to remediate. */
const ENDPOINTS = {
  hide: { key: 'PUT /2/tweets/:id/hidden', limit: 50, scopes: ['tweet.read', 'users.read', 'tweet.moderate.write'], list: false },
  deletePost: { key: 'DELETE /2/tweets/:id', limit: 50, scopes: ['tweet.read', 'users.read', 'tweet.write'], list: false },
  updateProfile: { key: 'PUT /2/users/me', limit: 50, scopes: ['tweet.read', 'users.read', 'tweet.write'], list: false },
} satisfies Record<string, EndpointSpec>;

/** X's profile limits: name 50, bio 160, website 100, location 30 characters. */
const PROFILE_FIELDS: Record<string, number> = { name: 50, description: 160, url: 100, location: 30 };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerXWriteRoutes(router: Router, guard: Guard, store: XStore): void {
  const json = express.json({ limit: '16kb' });

  router.put('/2/tweets/:id/hidden', json, guard(ENDPOINTS.hide, (request, response, caller) => {
    const id = String(request.params.id);
    if (!validId(id)) return sendProblem(response, 400, invalidId('tweet_id', id));
    const body: unknown = request.body;
    if (!isObject(body) || typeof body.hidden !== 'boolean') {
      return sendProblem(response, 400, invalidRequest([{ parameters: { hidden: [] }, message: '$.hidden: is missing but it is required' }]));
    }
    const reply = store.tweets.get(id);
    if (!reply) return sendProblem(response, 404, { ...resourceProblem('NOT_FOUND', { type: 'tweet', parameter: 'tweet_id', id }), status: 404 });
    const root = store.tweets.get(reply.conversationId);
    // Only the author of the conversation's first post can hide replies in it.
    if (!reply.inReplyToTweetId || !root || root.authorId !== caller.userId) {
      return sendProblem(response, 403, forbidden('You cannot hide or unhide replies to conversations you do not own.'));
    }
    reply.hidden = body.hidden;
    response.json({ data: { hidden: reply.hidden } });
  }));

  router.delete('/2/tweets/:id', guard(ENDPOINTS.deletePost, (request, response, caller) => {
    const id = String(request.params.id);
    if (!validId(id)) return sendProblem(response, 400, invalidId('id', id));
    const tweet = store.tweets.get(id);
    if (!tweet) return sendProblem(response, 404, { ...resourceProblem('NOT_FOUND', { type: 'tweet', parameter: 'id', id }), status: 404 });
    if (tweet.authorId !== caller.userId) return sendProblem(response, 403, forbidden('You are not allowed to delete this Post.'));
    store.deleteTweet(id);
    response.json({ data: { deleted: true } });
  }));

  router.put('/2/users/me', json, guard(ENDPOINTS.updateProfile, (request, response, caller) => {
    const body: unknown = request.body;
    const errors: ParameterError[] = [];
    if (!isObject(body) || Object.keys(body).length === 0) {
      errors.push({ parameters: {}, message: 'At least one of name, description, url or location is required.' });
    } else {
      for (const [name, value] of Object.entries(body)) {
        const limit = PROFILE_FIELDS[name];
        if (limit === undefined) errors.push({ parameters: { [name]: [] }, message: `$.${name}: is not defined in the schema` });
        else if (typeof value !== 'string') errors.push({ parameters: { [name]: [] }, message: `$.${name}: must be a string` });
        else if ([...value].length > limit) errors.push({ parameters: { [name]: [value] }, message: `$.${name}: must be at most ${limit} characters` });
        else if (name === 'url' && value !== '' && !/^https?:\/\/[^\s]+$/i.test(value)) {
          errors.push({ parameters: { url: [value] }, message: '$.url: must be a valid URL' });
        }
      }
    }
    if (errors.length > 0 || !isObject(body)) return sendProblem(response, 400, invalidRequest(errors));
    const user = store.users.get(caller.userId)!;
    if (typeof body.name === 'string') user.name = body.name;
    if (typeof body.description === 'string') user.description = body.description;
    if (typeof body.url === 'string') user.website = body.url === '' ? null : body.url;
    if (typeof body.location === 'string') user.location = body.location === '' ? null : body.location;
    response.json({ data: renderUser(user, new Set(['description', 'url', 'location', 'entities']), store) });
  }));
}
