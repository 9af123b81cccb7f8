// Which open editor the insert command writes into when a webview (the training panel) is active.
import * as assert from 'assert';
import { chooseTarget, EditorCandidate } from '../../src/snippets/targetChoice';

function editor(
  key: string,
  languageId: string,
  flags: Partial<Pick<EditorCandidate, 'lastActive' | 'visible'>> = {},
): EditorCandidate {
  return { key, languageId, lastActive: false, visible: false, ...flags };
}

describe('chooseTarget (the insert command run from the training panel)', () => {
  it('with no text editor open there is nothing to choose', () => {
    assert.deepStrictEqual(chooseTarget('pytorch', []), { kind: 'none' });
  });

  it('takes the editor used last when it is in the framework language, however many are open', () => {
    const open = [
      editor('a.py', 'python', { visible: true }),
      editor('train.py', 'python', { lastActive: true }),
      editor('x.ts', 'typescript'),
    ];
    assert.deepStrictEqual(chooseTarget('pytorch', open), { kind: 'use', key: 'train.py' });
  });

  it('takes the only editor in the framework language when the last one is in another', () => {
    const open = [
      editor('README.md', 'markdown', { lastActive: true, visible: true }),
      editor('model.ts', 'typescript'),
      editor('train.py', 'python'),
    ];
    assert.deepStrictEqual(chooseTarget('keras', open), { kind: 'use', key: 'train.py' });
    assert.deepStrictEqual(chooseTarget('tfjs', open), { kind: 'use', key: 'model.ts' });
    assert.deepStrictEqual(chooseTarget('tfjs', [editor('m.jsx', 'javascriptreact'), editor('n.py', 'python')]), {
      kind: 'use',
      key: 'm.jsx',
    });
  });

  it('takes the only open editor even in another language (the command then offers to insert without imports)', () => {
    assert.deepStrictEqual(chooseTarget('numpy', [editor('notes.md', 'markdown')]), { kind: 'use', key: 'notes.md' });
  });

  it('asks when several could be meant: the framework language first, then the last used, then the visible ones', () => {
    const open = [
      editor('notes.md', 'markdown', { lastActive: true }),
      editor('b.py', 'python'),
      editor('a.py', 'python', { visible: true }),
      editor('other.md', 'markdown', { visible: true }),
      editor('c.py', 'python'),
    ];
    assert.deepStrictEqual(chooseTarget('jax', open), {
      kind: 'ask',
      keys: ['a.py', 'b.py', 'c.py', 'notes.md', 'other.md'],
    });
    assert.deepStrictEqual(chooseTarget('tfjs', open), {
      kind: 'ask',
      keys: ['notes.md', 'a.py', 'other.md', 'b.py', 'c.py'],
    });
  });
});
