//! OPML, the list format feed readers trade subscriptions in: import
//! (outlines with `xmlUrl` are feeds; the outlines around them, and an
//! OPML 2.0 `category`, become tags) and export (OPML 2.0, grouped by
//! each feed's first tag, every tag also in `category`).

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::subscriptions::Feed;

/// The feeds an OPML document lists.
pub fn import(text: &str) -> Result<Vec<Feed>, String> {
    let mut reader = Reader::from_str(text);
    let mut feeds = Vec::new();
    // The titles of the outlines we are inside that are not feeds.
    let mut groups: Vec<Option<String>> = Vec::new();
    let mut seen_opml = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not OPML: {e} (at byte {})", reader.buffer_position()))?;
        let (element, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.local_name().as_ref().eq_ignore_ascii_case("outline") {
                    groups.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = element.local_name();
        if name.as_ref().eq_ignore_ascii_case("opml") {
            seen_opml = true;
        }
        if !name.as_ref().eq_ignore_ascii_case("outline") {
            continue;
        }
        let attribute = |wanted: &str| -> Option<String> {
            element
                .html_attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(wanted))
                .and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
                })
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let title = attribute("title").or_else(|| attribute("text"));
        match attribute("xmlUrl") {
            Some(url) => {
                let mut tags: Vec<String> = groups.iter().flatten().cloned().collect();
                for category in attribute("category").iter().flat_map(|c| c.split(',')) {
                    let tag = category.trim().trim_start_matches('/').trim();
                    if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                        tags.push(tag.to_owned());
                    }
                }
                feeds.push(Feed { url, title: title.unwrap_or_default(), tags, ..Feed::default() });
                if !empty {
                    groups.push(None);
                }
            }
            None if !empty => groups.push(title),
            None => {}
        }
    }
    if !seen_opml {
        return Err("not OPML: no <opml> element".to_owned());
    }
    Ok(feeds)
}

/// The feeds as an OPML 2.0 document.
pub fn export(feeds: &[Feed]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>broadsheet subscriptions</title>\n  </head>\n  <body>\n",
    );
    let outline = |feed: &Feed, indent: &str| {
        let category = feed.tags.iter().map(|t| format!("/{t}")).collect::<Vec<_>>().join(",");
        let mut line = format!(
            "{indent}<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
            escape(feed.name()),
            escape(&feed.url)
        );
        if !category.is_empty() {
            line.push_str(&format!(" category=\"{}\"", escape(&category)));
        }
        line.push_str("/>\n");
        line
    };
    let mut groups: Vec<&str> = Vec::new();
    for feed in feeds {
        match feed.tags.first() {
            Some(tag) if !groups.contains(&tag.as_str()) => groups.push(tag),
            _ => {}
        }
    }
    for feed in feeds.iter().filter(|f| f.tags.is_empty()) {
        out.push_str(&outline(feed, "    "));
    }
    for group in groups {
        out.push_str(&format!("    <outline text=\"{0}\" title=\"{0}\">\n", escape(group)));
        for feed in feeds.iter().filter(|f| f.tags.first().map(String::as_str) == Some(group)) {
            out.push_str(&outline(feed, "      "));
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(text: &str) -> String {
    let clean = crate::library::sanitize::clean_line(text);
    clean.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_become_tags() {
        let opml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline text="World &amp; Europe">
      <outline type="rss" text="Example World" xmlUrl="https://world.example/rss"/>
    </outline>
    <outline type="rss" title="Paper" text="ignored" xmlUrl="https://paper.example/feed" category="/local,/News"/>
  </outline>
  <outline type="rss" text="Loose" xmlUrl="https://loose.example/atom"></outline>
  <outline text="empty group"/>
</body></opml>"#;
        let feeds = import(opml).unwrap();
        let summary: Vec<(&str, &str, Vec<&str>)> = feeds
            .iter()
            .map(|f| (f.url.as_str(), f.title.as_str(), f.tags.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            summary,
            [
                ("https://world.example/rss", "Example World", vec!["News", "World & Europe"]),
                ("https://paper.example/feed", "Paper", vec!["News", "local"]),
                ("https://loose.example/atom", "Loose", vec![]),
            ]
        );
        assert!(import("<rss/>").is_err());
        assert!(
            import("<opml><body><outline").is_err() || import("<opml><body><outline").unwrap().is_empty()
        );
    }

    #[test]
    fn export_then_import_gives_the_same_feeds() {
        let feeds = vec![
            Feed {
                url: "https://a.example/rss?x=1&y=2".into(),
                title: "A \"quoted\" <feed>".into(),
                tags: vec!["world".into(), "daily".into()],
                ..Feed::default()
            },
            Feed {
                url: "https://b.example/atom".into(),
                title: String::new(),
                tags: vec![],
                ..Feed::default()
            },
            Feed {
                url: "https://c.example/feed.json".into(),
                title: "C".into(),
                tags: vec!["world".into()],
                ..Feed::default()
            },
        ];
        let mut back = import(&export(&feeds)).unwrap();
        back.sort_by(|a, b| a.url.cmp(&b.url));
        assert_eq!(back[0].url, feeds[0].url);
        assert_eq!(back[0].title, feeds[0].title);
        assert_eq!(back[0].tags, feeds[0].tags);
        assert_eq!((back[1].title.as_str(), back[1].tags.len()), ("https://b.example/atom", 0));
        assert_eq!(back[2].tags, ["world"]);
    }
}
