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
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An environment over the two folders, counting how often it reads (and so compiles) a template. */
  function watched(watch: boolean) {
    const searchPaths = [overrides, builtIn];
    const loader = new nunjucks.FileSystemLoader(searchPaths);
    const environment = new nunjucks.Environment(loader, { autoescape: true });
    const freshness = watch ? new TemplateFreshness(environment, loader, searchPaths) : null;
    const reads: string[] = [];
    environment.on('load', (name) => reads.push(name));
    return {
      reads,
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

  it('shows an edited template on the next render, compiling only what changed', () => {
    const pages = watched(true);
    pages.render('sso/login.njk');
    edit(join(builtIn, 'layout.njk'), '<section>{% block body %}{% endblock %}</section>');
    expect(pages.render('sso/login.njk')).toBe('<section>Log in, &lt;ann&gt;</section>');
    expect(pages.reads.sort()).toEqual(['layout.njk', 'layout.njk', 'sso/login.njk']);
  });

  it('shows an override added while running in place of the built-in template', () => {
    const pages = watched(true);
    pages.render('sso/login.njk');
    writeFileSync(join(overrides, 'sso', 'login.njk'), 'Our own login');
    expect(pages.render('sso/login.njk')).toBe('Our own login');
    rmSync(join(overrides, 'sso', 'login.njk'));
    expect(pages.render('sso/login.njk')).toBe('<main>Log in, &lt;ann&gt;</main>');
  });
});
