package compose

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/parallel"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// expandSigles records on the text runs of a document where every sigle
// of the sigles workbook (both sheets) is, with its definition, which a
// screen reader speaks in place of the letters (« ARS » read « Agence
// Régionale de Santé »). Words are matched whole, as the sigles check
// reads them: letters and digits, hyphen-joined parts (ORS-CREAI,
// anti-VIH, COVID-19), web addresses left alone. Nothing printed changes.
func expandSigles(c *model.Contract, blocks []doc.Block) {
	defs := map[string]string{}
	for _, list := range [][]model.Sigle{c.OtherSigles, c.Sigles} { // the printed list wins
		for _, s := range list {
			if s.Sigle != "" && s.Definition != "" {
				defs[s.Sigle] = s.Definition
			}
		}
	}
	if len(defs) == 0 {
		return
	}
	// each block on its own, in place: on every core (a third of
	// composing, on one core while the other waited)
	parallel.Each(len(blocks), func(i int) bool {
		blocks[i] = expandBlock(defs, blocks[i])
		return true
	})
}

func expandBlock(defs map[string]string, b doc.Block) doc.Block {
	switch v := b.(type) {
	case doc.Paragraph:
		v.Text = expandRuns(defs, v.Text)
		return v
	case doc.Heading:
		v.Text = expandRuns(defs, v.Text)
		return v
	case doc.List:
		items := make([]doc.ListItem, len(v.Items))
		for i, it := range v.Items {
			items[i] = doc.ListItem{Blocks: expandBlocks(defs, it.Blocks)}
		}
		v.Items = items
		return v
	case doc.Table:
		rows := make([]doc.Row, len(v.Rows))
		for i, r := range v.Rows {
			cells := make([]doc.Cell, len(r.Cells))
			for j, cell := range r.Cells {
				cell.Blocks = expandBlocks(defs, cell.Blocks)
				cells[j] = cell
			}
			rows[i] = doc.Row{Cells: cells}
		}
		v.Rows = rows
		return v
	}
	return b
}

// expandBlocks returns a copy of blocks, expanded: blocks may be shared
// between places of the document.
func expandBlocks(defs map[string]string, blocks []doc.Block) []doc.Block {
	out := make([]doc.Block, len(blocks))
	for i, b := range blocks {
		out[i] = expandBlock(defs, b)
	}
	return out
}

// expandRuns records on each run where the sigles it holds are. It
// leaves the runs whole: the layout sets each run as one, and cutting one
// would move glyphs by fractions of a point.
func expandRuns(defs map[string]string, runs []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for i, r := range runs {
		spans := sigleSpans(defs, r.Text)
		if len(spans) == 0 || r.Expansions != nil {
			continue
		}
		if out == nil {
			out = append([]doc.Inline(nil), runs...)
		}
		for _, m := range spans {
			out[i].Expansions = append(out[i].Expansions, doc.Expansion{Offset: m.start, Length: m.end - m.start, Text: defs[r.Text[m.start:m.end]]})
		}
	}
	if out == nil {
		return runs
	}
	return out
}

type span struct{ start, end int }

// webAddress finds the web addresses of a text, whose words are no sigles.
var webAddress = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()«»"]+`)

// sigleSpans returns where the defined sigles of text are, in order: a
// whole word that is one (ORS-CREAI), or else the hyphen-joined parts of
// a word that are (VIH of anti-VIH, COVID of COVID-19).
func sigleSpans(defs map[string]string, text string) []span {
	var links [][]int
	if textnorm.MayHoldAddress(text) { // most texts: the expression cost a quarter of composing
		links = webAddress.FindAllStringIndex(text, -1)
	}
	var out []span
	for _, w := range textWords(text) {
		if inSpans(links, w.start) {
			continue
		}
		word := text[w.start:w.end]
		if _, ok := defs[word]; ok {
			out = append(out, w)
			continue
		}
		at := w.start
		for _, part := range strings.Split(word, "-") {
			if _, ok := defs[part]; ok {
				out = append(out, span{at, at + len(part)})
			}
			at += len(part) + 1
		}
	}
	return out
}

func inSpans(spans [][]int, at int) bool {
	for _, s := range spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return false
}

// textWords splits a text into its words as the sigles check does: letters,
// digits and combining marks, a hyphen joining two words into one.
func textWords(text string) []span {
	var out []span
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !wordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if wordRune(r) {
				i += n
				continue
			}
			if r == '-' && i+n < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+n:]); wordRune(next) {
					i += n
					continue
				}
			}
			break
		}
		out = append(out, span{start, i})
	}
	return out
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}
