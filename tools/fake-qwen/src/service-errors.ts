/** The error answers of the fake, shaped like Model Studio's compatible mode:
 * `{error: {message, type, param, code}, request_id}`. */
export const SERVICE_ERRORS = {
  unauthorized: {
    status: 401,
    code: 'invalid_api_key',
    type: 'invalid_request_error',
    message: 'Incorrect API key provided',
  },
  'rate-limited': {
    status: 429,
    code: 'Throttling.RateQuota',
    type: 'limit_requests',
    message: 'Requests rate limit exceeded, please try again later.',
  },
  throttled: {
    status: 429,
    code: 'Throttling',
    type: 'limit_requests',
    message: 'Request rate increased too quickly.',
  },
  rejected: {
    status: 400,
    code: 'data_inspection_failed',
    type: 'data_inspection_failed',
    message: 'Input data may contain inappropriate content.',
  },
  'bad-request': {
    status: 400,
    code: 'invalid_parameter_error',
    type: 'invalid_request_error',
    message:
      'fake-qwen answers only storyboard prompts from @storyboard/llm (a JSON body with model and messages).',
  },
  'server-error': {
    status: 500,
    code: 'InternalError',
    type: 'internal_error',
    message: 'An internal error has occured, please try again later.',
  },
  hang: {
    status: 504,
    code: 'RequestTimeOut',
    type: 'internal_error',
    message: 'Request timed out.',
  },
} as const;
export type ServiceError = keyof typeof SERVICE_ERRORS;

/** The answer text for a storyboard, spoiled the way `fault` says. */
export function shapeContent(fault: string, json: string): { content: string; finish: string } {
  if (fault === 'invalid-json') {
    const prose = json.slice(2, 200).replace(/[{}[\]"]/g, ' ');
    return { content: `Here is the storyboard you asked for. ${prose}`, finish: 'stop' };
  }
  if (fault === 'truncated-json') {
    return { content: json.slice(0, Math.floor(json.length * 0.6)), finish: 'length' };
  }
  if (fault === 'fenced-json') return { content: `\`\`\`json\n${json}\n\`\`\``, finish: 'stop' };
  return { content: json, finish: 'stop' };
}
