/** A screen's frame: its title (the page's one h1) and a line under it. */
import type { ReactNode } from 'react';

export function Page({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      {subtitle ? <p className="muted subtitle">{subtitle}</p> : null}
      {children}
    </section>
  );
}
