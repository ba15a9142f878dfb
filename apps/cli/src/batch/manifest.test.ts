import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { parseManifest } from './manifest.js';

describe('parseManifest (JSON)', () => {
  it('accepts an array, either type column and keeps the name', () => {
    const items = parseManifest(
      JSON.stringify([
        { type: 'Image', url: 'https://x.example/a.png', name: 'cat' },
        { assetType: 'Video', url: 'https://x.example/b.mp4' },
      ]),
      'm.json',
    );
    expect(items).toEqual([
      {
        index: 0,
        where: 'item 1',
        input: { assetType: 'Image', url: 'https://x.example/a.png', name: 'cat' },
      },
      { index: 1, where: 'item 2', input: { assetType: 'Video', url: 'https://x.example/b.mp4' } },
    ]);
  });

  it('accepts {"items": [...]}', () => {
    const items = parseManifest(
      '{"items":[{"type":"Audio","url":"https://x.example/a.mp3"}]}',
      'm.json',
    );
    expect(items.map((i) => i.input.assetType)).toEqual(['Audio']);
  });

  it('lists every problem at once, each with the item it is in', () => {
    const text = JSON.stringify([
      { type: 'Image', url: 'https://x.example/ok.png' },
      { type: 'imagee', url: 'https://x.example/a.png' },
      { type: 'Image', url: 'ftp://x.example/a.png' },
      { type: 'Image', url: 'https://x.example/a.png', nmae: 'typo' },
      { url: 'https://x.example/a.png' },
      'just text',
    ]);
    let message = '';
    try {
      parseManifest(text, 'm.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/m\.json has 5 problems; nothing was uploaded/);
    expect(message).toMatch(/item 2: "type": Use one of Image, Video, Audio, Document/);
    expect(message).toMatch(/item 3: "url": Use an http:\/\/ or https:\/\/ URL/);
    expect(message).toMatch(/item 4: unknown field "nmae"/);
    expect(message).toMatch(/item 5: "type" is missing/);
    expect(message).toMatch(/item 6: must be an object/);
    expect(message).not.toMatch(/item 1:/);
  });

  it('says what shape is expected for other JSON and for broken JSON', () => {
    expect(() => parseManifest('{"uploads":[]}', 'm.json')).toThrow(/JSON array of uploads/);
    expect(() => parseManifest('[{"type":', 'm.json')).toThrow(/m\.json is not valid JSON/);
    expect(() => parseManifest('[]', 'm.json')).toThrow(/lists no uploads/);
  });

  it('reads an empty or null name as "no name", refuses a blank one and keeps padding', () => {
    const items = parseManifest(
      JSON.stringify([
        { type: 'Image', url: 'https://x.example/a.png', name: '' },
        { type: 'Image', url: 'https://x.example/b.png', name: null },
        { type: 'Image', url: 'https://x.example/c.png', name: ' cat ' },
      ]),
      'm.json',
    );
    expect(items.map((i) => i.input.name)).toEqual([undefined, undefined, ' cat ']);
    expect(() =>
      parseManifest(
        JSON.stringify([{ type: 'Image', url: 'https://x.example/a.png', name: '  ' }]),
        'm.json',
      ),
    ).toThrow(/item 1: "name": .*leave it out/);
  });

  it('rejects a name longer than the client accepts before anything is sent', () => {
    const text = JSON.stringify([
      { type: 'Image', url: 'https://x.example/a.png', name: 'n'.repeat(300) },
    ]);
    expect(() => parseManifest(text, 'm.json')).toThrow(
      /item 1: "name": Keep it to 255 characters \(it has 300\)/,
    );
  });

  it('reports every problem of one row, and the type case the service needs', () => {
    const text = JSON.stringify([{ type: 'image', url: 'https://x.example/a b.png' }]);
    expect(() => parseManifest(text, 'm.json')).toThrow(
      /item 1: "type": .*did you mean 'Image'\?.*; "url": Remove the spaces/,
    );
  });
});

describe('parseManifest (CSV)', () => {
  it('reads a header row, any column order, optional name', () => {
    const items = parseManifest(
      'url,type,name\nhttps://x.example/a.png,Image,\n"https://x.example/b.mp4",Video,"intro, part 1"\n',
      'm.csv',
    );
    expect(items).toEqual([
      { index: 0, where: 'line 2', input: { assetType: 'Image', url: 'https://x.example/a.png' } },
      {
        index: 1,
        where: 'line 3',
        input: { assetType: 'Video', url: 'https://x.example/b.mp4', name: 'intro, part 1' },
      },
    ]);
  });

  it('points at the CSV line of each problem', () => {
    expect(() =>
      parseManifest('type,url\nImage,https://x.example/a\nPicture,https://x.example/b\n', 'm.csv'),
    ).toThrow(/line 3: "type": Use one of/);
    expect(() => parseManifest('type,url\nImage,https://x.example/a,extra\n', 'm.csv')).toThrow(
      /line 2: more fields than columns/,
    );
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields (csv-parse)', () => {
    const items = parseManifest(
      'type,url,name\n\n Image , https://x.example/a.png ,"a, ""quoted""\nlabel"\r\nVideo,https://x.example/b.mp4\n',
      'm.csv',
    );
    expect(items).toEqual([
      {
        index: 0,
        where: 'line 3',
        input: { assetType: 'Image', url: 'https://x.example/a.png', name: 'a, "quoted"\nlabel' },
      },
      // The row after a two-line field reports its own line.
      { index: 1, where: 'line 5', input: { assetType: 'Video', url: 'https://x.example/b.mp4' } },
    ]);
  });

  it('reports CSV syntax errors with their line', () => {
    expect(() => parseManifest('type,url\nimage,"https://x.example/open\nmore', 'm.csv')).toThrow(
      /m\.csv line \d+: Quote Not Closed/,
    );
  });

  it('reports every bad row, each with its line, in one go', () => {
    expect(() =>
      parseManifest(
        'type,url\npicture,https://x.example/a\nImage,nope\nImage,https://x.example/c,extra\n',
        'm.csv',
      ),
    ).toThrow(/has 3 problems[\s\S]*line 2: "type"[\s\S]*line 3: "url"[\s\S]*line 4: more fields/);
  });

  it('requires a header row naming known columns', () => {
    expect(() => parseManifest('Image,https://x.example/a.png\n', 'm.csv')).toThrow(
      /first row must name the columns/,
    );
    expect(() => parseManifest('type,url,colour\n', 'm.csv')).toThrow(/unknown column "colour"/);
    expect(() => parseManifest('', 'm.csv')).toThrow(/is empty/);
    expect(() => parseManifest('type,url\n', 'm.csv')).toThrow(/lists no uploads/);
  });

  it('strips a byte-order mark and detects the format from the content without an extension', () => {
    const items = parseManifest('\uFEFFtype,url\nImage,https://x.example/a.png\n', 'manifest');
    expect(items).toHaveLength(1);
    expect(
      parseManifest('[{"type":"Image","url":"https://x.example/a.png"}]', 'manifest'),
    ).toHaveLength(1);
  });
});
