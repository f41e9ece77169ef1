//! The top of an author page: name, facts, bio and a chart of their
//! articles over time. Their articles are listed below it like the main
//! list, with the reader beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};

use super::fit::truncate;
use super::header::count;
use crate::app::App;
use crate::library::index::catalog::{AuthorPage, Period};

/// Lines of bio shown before it is cut.
const BIO_LINES: u16 = 4;

pub fn render(app: &App, author: &AuthorPage, frame: &mut Frame, area: Rect) {
    let reader = &app.theme.reader;
    let width = usize::from(area.width);

    let mut facts = count(author.articles, "article");
    match (author.first_date, author.last_date) {
        (Some(first), Some(last)) if first != last => {
            facts.push_str(&format!(" · {} – {}", first.format("%b %Y"), last.format("%b %Y")));
        }
        (Some(day), _) => facts.push_str(&format!(" · {}", day.format("%-d %b %Y"))),
        _ => {}
    }
    if !author.sources.is_empty() {
        facts.push_str(&format!(" · {}", author.sources.join(", ")));
    }
    let quoted = if author.most_quoted.is_empty() {
        String::new()
    } else {
        let people: Vec<String> =
            author.most_quoted.iter().map(|(name, n)| format!("{name} ({n})")).collect();
        format!("Quotes most: {}", people.join(", "))
    };
    let bio_source = match (author.bio.as_ref(), &author.bio_from) {
        (None, _) => None,
        (Some(_), None) => Some("from authors.toml".to_owned()),
        (Some(_), Some(title)) => Some(format!("from “{title}”")),
    };

    let bio_height = if author.bio.is_some() { BIO_LINES.min(area.height.saturating_sub(4)) } else { 0 };
    let [name_area, facts_area, quoted_area, bio_area, chart_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(!quoted.is_empty())),
        Constraint::Length(bio_height + u16::from(bio_height > 0)),
        Constraint::Fill(1),
    ]));
    let mut name = vec![Span::styled(truncate(&author.name, width).into_owned(), reader.headline)];
    if let Some(url) = &author.url {
        name.push(Span::styled(
            format!("  {}", truncate(url, width.saturating_sub(author.name.len() + 2))),
            reader.meta,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(name)), name_area);
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(&facts, width).into_owned(), reader.byline)),
        facts_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(&quoted, width).into_owned(), reader.meta)),
        quoted_area,
    );
    if let Some(bio) = &author.bio {
        let mut lines = vec![Line::from(Span::styled(super::fit::shown(bio).into_owned(), reader.bio))];
        if let Some(source) = bio_source {
            lines.push(Line::from(Span::styled(super::fit::shown(&source).into_owned(), reader.meta)));
        }
        let bio_text = Rect { height: bio_height, y: bio_area.y + 1, ..bio_area };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), bio_text);
    }
    render_chart(app, author.activity(), "Articles", frame, chart_area);
}

/// Counts of `what` ("Articles") per month or per year, as a bar chart.
pub fn render_chart(
    app: &App,
    (period, bars): (Period, Vec<(chrono::NaiveDate, usize)>),
    what: &str,
    frame: &mut Frame,
    area: Rect,
) {
    if area.height < 4 || area.width < 8 {
        return;
    }
    if bars.is_empty() {
        let text = Span::styled(format!("No dated {} to chart.", what.to_lowercase()), app.theme.list.meta);
        frame.render_widget(Paragraph::new(text), Rect { y: area.y + 1, height: 1, ..area });
        return;
    }
    // The most recent periods that fit, each bar three columns wide.
    let fit = usize::from(area.width / 4).max(1);
    let shown = &bars[bars.len().saturating_sub(fit)..];
    let label = |date: &chrono::NaiveDate| match period {
        Period::Month => date.format("%b").to_string(),
        Period::Year => date.format("%y").to_string(),
    };
    let data: Vec<Bar> = shown
        .iter()
        .map(|(date, n)| {
            Bar::default().value(*n as u64).label(Line::from(label(date))).text_value(n.to_string())
        })
        .collect();
    let title = match period {
        Period::Month => format!("{what} per month"),
        Period::Year => format!("{what} per year"),
    };
    let [title_area, chart] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
    frame.render_widget(Paragraph::new(Span::styled(title, app.theme.list.meta)), title_area);
    let chart_widget = BarChart::default()
        .data(BarGroup::default().bars(&data))
        .bar_width(3)
        .bar_gap(1)
        .bar_style(app.theme.reader.byline)
        .value_style(app.theme.reader.meta);
    frame.render_widget(chart_widget, chart);
}
