import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TemplateFreshness } from '../../../src/adapters/http/pages/template-freshness.js';

describe('templates in development', () => {
  let dir: string;
  let builtIn: string;
  let overrides: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-templates-'));
    builtIn = join(dir, 'built-in');
    overrides = join(dir, 'overrides');
    mkdirSync(join(builtIn, 'sso'), { recursive: true });
    mkdirSync(join(overrides, 'sso'), { recursive: true });
    writeFileSync(join(builtIn, 'layout.njk'), '<main>{% block body %}{% endblock %}</main>');
    writeFileSync(join(builtIn, 'sso', 'login.njk'), '{% extends "layout.njk" %}{% block body %}Log in, {{ who }}{% endblock %}');
  });
  const watches: TemplateFreshness[] = [];
  afterEach(() => {
    for (const watch of watches.splice(0)) watch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An environment over the two folders, counting how often it reads (and so compiles) a template. */
  function watched(watch: boolean) {
    const searchPaths = [overrides, builtIn];
    const loader = new nunjucks.FileSystemLoader(searchPaths);
    const environment = new nunjucks.Environment(loader, { autoescape: true });
    const freshness = watch ? new TemplateFreshness(environment, loader, searchPaths) : null;
    if (freshness) watches.push(freshness);
    const reads: string[] = [];
    environment.on('load', (name) => reads.push(name));
    return {
      reads,
      /** Renders until the page shows `expected` (the watch tells of an edit within moments), or fails after 10 s. */
      async renderOnceShowing(name: string, expected: string): Promise<string> {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const html = this.render(name);
          if (html === expected || Date.now() > deadline) return html;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      render(name: string): string {
        freshness?.refresh();
        return environment.render(name, { who: '<ann>' });
      },
    };
  }

  /** Writes `text` and moves the file's time on, as an editor saving it a moment later does. */
  function edit(path: string, text: string): void {
    writeFileSync(path, text);
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
  }

  it('compiles each template once however often a page renders, with or without the watch', () => {
    for (const watch of [true, false]) {
      const pages = watched(watch);
      for (let round = 0; round < 5; round += 1) expect(pages.render('sso/login.njk')).toBe('<main>Log in, &lt;ann&gt;</main>');
      expect(pages.reads.sort()).toEqual(['layout.njk', 'sso/login.njk']);
    }
  });

  it('shows an edited template once the watch tells of it, compiling only what changed', async () => {
    const pages = watched(true);
    pages.render('sso/login.njk');
    edit(join(builtIn, 'layout.njk'), '<section>{% block body %}{% endblock %}</section>');
    expect(await pages.renderOnceShowing('sso/login.njk', '<section>Log in, &lt;ann&gt;</section>')).toBe(
      '<section>Log in, &lt;ann&gt;</section>',
    );
    expect(pages.reads.sort()).toEqual(['layout.njk', 'layout.njk', 'sso/login.njk']);
  });

  it('shows an override added while running in place of the built-in template', async () => {
    const pages = watched(true);
    pages.render('sso/login.njk');
    writeFileSync(join(overrides, 'sso', 'login.njk'), 'Our own login');
    expect(await pages.renderOnceShowing('sso/login.njk', 'Our own login')).toBe('Our own login');
    rmSync(join(overrides, 'sso', 'login.njk'));
    expect(await pages.renderOnceShowing('sso/login.njk', '<main>Log in, &lt;ann&gt;</main>')).toBe(
      '<main>Log in, &lt;ann&gt;</main>',
    );
  });

  it('looks at no template file until the watch tells of a change', async () => {
    const pages = watched(true);
    pages.render('sso/login.njk');
    // Edited and rendered in one turn of the event loop, before the watch can tell of it: a render
    // that looked at the file would see it changed and show the edit.
    edit(join(builtIn, 'layout.njk'), '<section>{% block body %}{% endblock %}</section>');
    expect(pages.render('sso/login.njk')).toBe('<main>Log in, &lt;ann&gt;</main>');
    expect(await pages.renderOnceShowing('sso/login.njk', '<section>Log in, &lt;ann&gt;</section>')).toBe(
      '<section>Log in, &lt;ann&gt;</section>',
    );
  });

  it('checks every file on every render when a folder cannot be watched', () => {
    rmSync(overrides, { recursive: true, force: true });
    const pages = watched(true);
    pages.render('sso/login.njk');
    edit(join(builtIn, 'layout.njk'), '<section>{% block body %}{% endblock %}</section>');
    expect(pages.render('sso/login.njk')).toBe('<section>Log in, &lt;ann&gt;</section>');
  });
});
