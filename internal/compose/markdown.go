package compose

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// md is the Markdown parser: CommonMark with GFM tables and bare-URL links.
// Headings may end with a label, « {#revision} », that cross-references
// cite (ref.go); the label is not printed.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify), goldmark.WithParserOptions(parser.WithAttribute()))

// directive is a ```cls block found in a template.
type directive struct {
	Name   string            // first word: figure, signatures, …
	Args   []string          // the other words of the first line
	Params map[string]string // "clé: valeur" lines
	Line   int               // line in the template's output, for messages
	Text   string            // the directive's first line as written
}

// mdBlock is what the Markdown converter yields: a block, or a directive to
// expand later.
type mdBlock struct {
	block     doc.Block
	directive *directive
}

// parseMarkdown converts Markdown source into blocks and directives.
func parseMarkdown(src []byte) []mdBlock {
	root := md.Parser().Parse(text.NewReader(src))
	c := &mdConv{src: src}
	return c.blocks(root)
}

type mdConv struct {
	src []byte
}

func (c *mdConv) blocks(parent ast.Node) []mdBlock {
	var out []mdBlock
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch v := n.(type) {
		case *ast.Heading:
			out = append(out, mdBlock{block: doc.Heading{Level: v.Level, Text: c.inlines(v)}})
		case *ast.Paragraph, *ast.TextBlock:
			if in := c.inlines(n); len(in) > 0 {
				out = append(out, mdBlock{block: doc.Paragraph{Text: in}})
			}
		case *ast.List:
			out = append(out, mdBlock{block: c.list(v)})
		case *ast.FencedCodeBlock:
			lang := string(v.Language(c.src))
			body := c.lines(v)
			if lang == "cls" {
				out = append(out, mdBlock{directive: parseDirective(body, c.lineOf(n))})
				continue
			}
			out = append(out, mdBlock{block: doc.Paragraph{Text: []doc.Inline{{Text: body}}, Align: doc.Left}})
		case *east.Table:
			out = append(out, mdBlock{block: c.table(v)})
		case *ast.Blockquote:
			for _, b := range c.blocks(v) {
				if p, ok := b.block.(doc.Paragraph); ok {
					for i := range p.Text {
						p.Text[i].Style |= doc.Italic
					}
					b.block = p
				}
				out = append(out, b)
			}
		case *ast.HTMLBlock:
			// a contract has no HTML: what looks like it (« <Jean Dupont> »
			// alone on a line, « <div> ») is text, printed as typed
			if t := c.htmlText(v); t != "" {
				out = append(out, mdBlock{block: doc.Paragraph{Text: []doc.Inline{{Text: frenchSpaces(t)}}}})
			}
		case *ast.ThematicBreak:
			// no rules in a contract
		}
	}
	return out
}

// htmlText returns an HTML block's lines as typed, joined as the lines of
// a paragraph are.
func (c *mdConv) htmlText(n *ast.HTMLBlock) string {
	var lines []string
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		lines = append(lines, strings.TrimSpace(string(seg.Value(c.src))))
	}
	if n.HasClosure() {
		cl := n.ClosureLine
		lines = append(lines, strings.TrimSpace(string(cl.Value(c.src))))
	}
	return strings.TrimSpace(strings.Join(lines, " "))
}

// lineOf returns the 1-based line where a block node starts.
func (c *mdConv) lineOf(n ast.Node) int {
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0
	}
	return strings.Count(string(c.src[:lines.At(0).Start]), "\n") + 1
}

func (c *mdConv) lines(n ast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

func parseDirective(body string, line int) *directive {
	d := &directive{Params: map[string]string{}, Line: line, Text: strings.TrimSpace(strings.SplitN(body, "\n", 2)[0])}
	for i, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if d.Name == "" && i == 0 || d.Name == "" {
			f := strings.Fields(l)
			d.Name, d.Args = f[0], f[1:]
			continue
		}
		if k, v, ok := strings.Cut(l, ":"); ok {
			d.Params[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return d
}

func (c *mdConv) list(l *ast.List) doc.List {
	out := doc.List{Ordered: l.IsOrdered(), Start: l.Start}
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		var item doc.ListItem
		for _, b := range c.blocks(it) {
			if b.block != nil {
				item.Blocks = append(item.Blocks, b.block)
			}
		}
		out.Items = append(out.Items, item)
	}
	return out
}

func (c *mdConv) table(t *east.Table) doc.Table {
	out := doc.Table{}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row doc.Row
		_, header := r.(*east.TableHeader)
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			align := doc.Left
			if tc, ok := cell.(*east.TableCell); ok {
				switch tc.Alignment {
				case east.AlignCenter:
					align = doc.Center
				case east.AlignRight:
					align = doc.Right
				}
			}
			dc := doc.Cell{Blocks: []doc.Block{doc.Paragraph{Text: c.inlines(cell), Align: align}}, Align: align}
			if header {
				dc.Bold = true
			}
			row.Cells = append(row.Cells, dc)
		}
		if header {
			out.HeaderRows++
		}
		out.Rows = append(out.Rows, row)
	}
	n := 0
	for _, r := range out.Rows {
		n = max(n, len(r.Cells))
	}
	for i := 0; i < n; i++ {
		out.Widths = append(out.Widths, 1)
	}
	return out
}

// inlines flattens a node's inline children into styled runs.
func (c *mdConv) inlines(n ast.Node) []doc.Inline {
	var out []doc.Inline
	var walk func(n ast.Node, st doc.Style, link string)
	walk = func(n ast.Node, st doc.Style, link string) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch v := ch.(type) {
			case *ast.Text:
				s := unescapeText(v.Segment.Value(c.src))
				out = append(out, doc.Inline{Text: s, Style: st, Link: link})
				if v.HardLineBreak() {
					out = append(out, doc.Inline{Text: "\n", Style: st})
				} else if v.SoftLineBreak() {
					out = append(out, doc.Inline{Text: " ", Style: st})
				}
			case *ast.String:
				out = append(out, doc.Inline{Text: string(v.Value), Style: st, Link: link})
			case *ast.Emphasis:
				s := st | doc.Italic
				if v.Level >= 2 {
					s = st | doc.Bold
				}
				walk(v, s, link)
			case *ast.CodeSpan:
				walk(v, st, link)
			case *ast.Link:
				walk(v, st, string(v.Destination))
			case *ast.AutoLink:
				u := string(v.URL(c.src))
				out = append(out, doc.Inline{Text: string(v.Label(c.src)), Style: st, Link: u})
			case *ast.RawHTML:
				// « <Jean Dupont> », « <b> » in a sentence: text, as typed
				var b strings.Builder
				for i := 0; i < v.Segments.Len(); i++ {
					seg := v.Segments.At(i)
					b.Write(seg.Value(c.src))
				}
				out = append(out, doc.Inline{Text: strings.ReplaceAll(b.String(), "\n", " "), Style: st, Link: link})
			default:
				walk(ch, st, link)
			}
		}
	}
	walk(n, 0, "")
	for i := range out {
		out[i].Text = frenchSpaces(out[i].Text)
	}
	return mergeInlines(out)
}

// mergeInlines joins neighbouring runs of the same style and link.
func mergeInlines(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, r := range in {
		if r.Text == "" {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Style == r.Style && out[k].Link == r.Link {
			out[k].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// unescapeText resolves a text segment's backslash escapes and entity
// references in one pass, as a Markdown renderer does: « \&amp; » is the
// text « &amp; », not « & ».
func unescapeText(b []byte) string {
	var out, run []byte
	flush := func() {
		out = append(out, util.ResolveNumericReferences(util.ResolveEntityNames(run))...)
		run = run[:0]
	}
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]) {
			flush()
			out = append(out, b[i+1])
			i++
			continue
		}
		run = append(run, b[i])
	}
	flush()
	return string(out)
}
