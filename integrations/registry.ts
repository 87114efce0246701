import { Platform } from '../src/accounts/account.enums';
import { facebookProvider } from './facebook/provider';
import { instagramProvider } from './instagram/provider';
import type { ProviderDefinition } from './provider';
import { xProvider } from './x/provider';
import { youtubeProvider } from './youtube/provider';
import { linkedinProvider } from './linkedin/provider';

/** Every platform Proctor connects to: one declarative entry each (see each folder's provider.ts). */
export const PROVIDERS: readonly ProviderDefinition[] = [
  facebookProvider,
  instagramProvider,
  xProvider,
  youtubeProvider,
  linkedinProvider,
];

const byPlatform = new Map(PROVIDERS.map((provider) => [provider.platform, provider]));
const bySlug = new Map(PROVIDERS.map((provider) => [provider.slug, provider]));

/** Null for Platform.OTHER (registry-only accounts). */
export function providerFor(platform: Platform): ProviderDefinition | null {
  return byPlatform.get(platform) ?? null;
}

export function providerBySlug(slug: string): ProviderDefinition | null {
  return bySlug.get(slug) ?? null;
}

export const CONNECTABLE_PLATFORMS: readonly Platform[] = PROVIDERS.map((provider) => provider.platform);
