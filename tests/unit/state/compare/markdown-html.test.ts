import { describe, expect, it } from 'vitest';
import { markdownHtml } from '../../../../src/lib/state/tasks/compare/markdown-html';
import { wordDiff } from '../../../../src/lib/state/tasks/compare/word-diff';

describe('a response as markdown', () => {
  it('renders markdown and code', () => {
    const html = markdownHtml('# Title\n\nSome **bold** text.\n\n```ts\nconst a = 1 < 2;\n```\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<pre><code class="language-ts">const a = 1 &lt; 2;');
  });

  it('keeps a single line break, as chat screens do', () => {
    expect(markdownHtml('Soft rain on the roof\nthe kettle begins to sing')).toBe('<p>Soft rain on the roof<br>the kettle begins to sing</p>\n');
  });

  it('shows raw HTML as text, never as elements', () => {
    const html = markdownHtml('Look: <img src=x onerror="alert(1)"> and\n\n<script>alert(2)</script>\n');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
    expect(html).toContain('&#60;script&#62;alert(2)&#60;/script&#62;');
  });

  it('names an image with its address instead of loading it, and keeps only web and mail links', () => {
    const html = markdownHtml('![a cat](http://example.com/cat.png) [site](https://example.com) [bad](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('[image: a cat · http://example.com/cat.png]');
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">site</a>');
    expect(html).not.toContain('javascript:');
  });
});

describe('word diff between two responses', () => {
  it('marks words only in the first as removed and only in the second as added', () => {
    expect(wordDiff('the cat sat', 'the dog sat')).toEqual([
      { text: 'the ', kind: 'same' },
      { text: 'cat', kind: 'removed' },
      { text: 'dog', kind: 'added' },
      { text: ' sat', kind: 'same' },
    ]);
  });
});
