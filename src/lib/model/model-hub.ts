// The one origin besides our own the app may reach: the Hugging Face hub, and only for a model download the user
// asked for (withRemoteModels in transformers-env.ts). The model worker's Content-Security-Policy allows these and
// nothing else (sw/content-policy.ts), so the host downloads go to and the host the policy lets through are one.
export const MODEL_HUB = 'https://huggingface.co';

/** The hub itself, then the hosts it redirects model files to (the policy checks redirects too). */
export const MODEL_HUB_SOURCES = [MODEL_HUB, 'https://*.huggingface.co', 'https://*.hf.co'] as const;
