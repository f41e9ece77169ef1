//! A person's page: who they are in the library (counts, the outlets and
//! authors who quote them most, a chart of their quotations over time) on
//! top, their quotations below it, newest first, with the reader beside
//! them showing the selected one in its article.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::articles::pane_block;
use super::fit::truncate;
use super::header::{count, grouped};
use crate::app::App;
use crate::layout::Focus;
use crate::library::index::catalog::{PersonPage, QuoteRow};
use crate::state::Browser;

pub fn render(app: &App, person: &PersonPage, frame: &mut Frame, area: Rect) {
    let theme = &app.theme.reader;
    let width = usize::from(area.width);
    let mut facts = format!("{} in {}", count(person.quotes, "quotation"), count(person.articles, "article"));
    match (person.first_date, person.last_date) {
        (Some(first), Some(last)) if first != last => {
            facts.push_str(&format!(" · {} – {}", first.format("%b %Y"), last.format("%b %Y")));
        }
        (Some(day), _) => facts.push_str(&format!(" · {}", day.format("%-d %b %Y"))),
        _ => {}
    }
    let named = |label: &str, names: &[(String, usize)]| {
        if names.is_empty() {
            return String::new();
        }
        let names: Vec<String> = names.iter().map(|(name, n)| format!("{name} ({n})")).collect();
        format!("{label}: {}", names.join(", "))
    };
    let mut lines = vec![named("Quoted in", &person.sources), named("Quoted by", &person.quoted_by)];
    let others: Vec<&str> =
        person.variants.iter().map(String::as_str).filter(|v| *v != person.name).collect();
    if !others.is_empty() {
        lines.push(format!("Also written: {}", others.join(", ")));
    }
    if person.author.is_some() {
        lines.push("Also an author here: press a for their articles".to_owned());
    }
    lines.retain(|l| !l.is_empty());

    let [name_area, facts_area, lines_area, chart_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::try_from(lines.len()).unwrap_or(0)),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(&person.name, width).into_owned(), theme.headline)),
        name_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(&facts, width).into_owned(), theme.byline)),
        facts_area,
    );
    let lines: Vec<Line> =
        lines.iter().map(|l| Line::from(Span::styled(truncate(l, width).into_owned(), theme.meta))).collect();
    frame.render_widget(Paragraph::new(lines), lines_area);
    super::author_page::render_chart(app, person.activity(), "Quotations", frame, chart_area);
}

/// The person's quotations: the words, then the article's title and date.
pub fn render_quotes(app: &App, browser: &Browser, frame: &mut Frame, area: Rect) {
    let Some(quotes) = &browser.quotes else { return };
    let focused = browser.focus == Focus::List;
    frame.render_widget(pane_block(app, focused, format!(" Quotations {} ", grouped(quotes.len()))), area);
    let rows = app.layout.list_rows;
    let theme = &app.theme.list;
    if quotes.is_empty() {
        let text = Paragraph::new("No quotations left.").style(theme.empty).alignment(Alignment::Center);
        frame.render_widget(text, rows);
        return;
    }
    let width = usize::from(rows.width).saturating_sub(3);
    let items: Vec<ListItem> = quotes
        .visible()
        .map(|(_, quote)| match quote {
            Some(quote) => ListItem::new(row(app, quote, width)),
            None => ListItem::new(Text::from(vec![Line::from("   …"), Line::from("")])),
        })
        .collect();
    let selection = quotes.selection();
    let highlight = if focused { theme.selected } else { theme.selected_unfocused };
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_stateful_widget(List::new(items).highlight_style(highlight), rows, &mut state);
}

fn row(app: &App, quote: &QuoteRow, width: usize) -> Text<'static> {
    let theme = &app.theme.list;
    let words = format!("“{}”", quote.excerpt.trim_end_matches([',', '.', ' ']));
    let mut meta = quote.title.clone();
    if let Some(date) = quote.date {
        meta.push_str(&format!(" · {}", date.format("%-d %b %Y")));
    }
    if let Some(source) = &quote.source {
        meta.push_str(&format!(" · {source}"));
    }
    Text::from(vec![
        Line::from(vec![
            Span::raw("   "),
            Span::styled(truncate(&words, width).into_owned(), app.theme.reader.quote),
        ]),
        Line::from(vec![Span::raw("   "), Span::styled(truncate(&meta, width).into_owned(), theme.meta)]),
    ])
}
