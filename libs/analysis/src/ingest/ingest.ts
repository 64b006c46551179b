import { InvalidNovelTextError, type IngestedText } from '@storyboard/domain';
import { bodyStart } from '../structure/chapters';
import { stripBoilerplate } from './boilerplate';
import { decodeBytes } from './decode';
import { detectLanguage } from './language';
import { normalizeText } from './normalize';
import { splitRunTogetherParagraphs } from './scraped';
import { detectTitle } from './title';

/** Bytes → clean novel text: decode, normalize, strip distributor wrapping and front matter. */
export async function ingestBytes(bytes: Uint8Array): Promise<IngestedText> {
  const { text: raw, encoding } = await decodeBytes(bytes);
  const normalized = normalizeText(splitRunTogetherParagraphs(raw));
  const cleaned = stripBoilerplate(normalized);
  const text = cleaned.slice(bodyStart(cleaned)).trimEnd();
  if (text.trim().length === 0) {
    throw new InvalidNovelTextError(
      raw.trim().length === 0
        ? 'The file holds only whitespace: send a plain-text novel.'
        : 'The file holds no story text once licence and advert lines are removed: send the novel itself.',
    );
  }
  return { text, encoding, language: detectLanguage(text), title: detectTitle(normalized) };
}
