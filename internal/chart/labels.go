package chart

import (
	"math"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// Wrap breaks s into lines no wider than w mm when set in the given style
// and size: at spaces, and, for a word too wide for a line on its own,
// after its hyphens (« Masseurs- » / « kinésithérapeutes »), never inside
// a word. A piece still wider than w gets a line of its own: callers that
// must fit shrink the size first (fitLabels). The diagrams of the compose
// stage use it too.
func Wrap(m Measurer, s string, w, size float64, st doc.Style) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(s) {
		pieces := []string{word}
		if m.Width(word, st, size) > w {
			pieces = hyphenPieces(word)
		}
		for i, p := range pieces {
			try := p
			if cur != "" {
				sep := " "
				if i > 0 {
					sep = "" // the rest of a hyphenated word
				}
				try = cur + sep + p
			}
			if cur != "" && m.Width(try, st, size) > w {
				out = append(out, cur)
				cur = p
				continue
			}
			cur = try
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// hyphenPieces splits a word after each hyphen that joins two parts
// (« Masseurs-kinésithérapeutes » → « Masseurs- », « kinésithérapeutes »).
func hyphenPieces(word string) []string {
	var out []string
	start := 0
	for i := 1; i < len(word)-1; i++ {
		if word[i] == '-' && word[i-1] != '-' && word[i+1] != '-' {
			out = append(out, word[start:i+1])
			start = i + 1
		}
	}
	return append(out, word[start:])
}

// labelLines is a set of labels wrapped to one width at one size.
type labelLines struct {
	size  float64    // points
	lines [][]string // per label
}

// most is the number of lines of the longest label.
func (l labelLines) most() int {
	n := 1
	for _, ls := range l.lines {
		n = max(n, len(ls))
	}
	return n
}

// lineHeight is the distance between two lines of a label, in mm.
func (l labelLines) lineHeight() float64 { return float64(linePx(l.size)) / pxPerMM }

// linePx is the distance between two lines of a label at size points, in
// whole pixels: 1.15 times the size, rounded down, but never less than
// the height of the letters, descenders included, however small.
func linePx(size float64) int {
	return max(px(size*1.15), int(math.Ceil(size*1.05*dpi/72)))
}

// fitLabels wraps labels to lines no wider than w mm, at size points or
// smaller: when a piece that cannot be broken (a word, or a part of a
// hyphenated word) is wider than w, every label shrinks alike, so that the
// chart's labels keep one size and none spills over its neighbour.
func fitLabels(m Measurer, labels []string, w, size float64) labelLines {
	widest := 0.0
	for _, l := range labels {
		for _, word := range strings.Fields(l) {
			for _, p := range hyphenPieces(word) {
				widest = math.Max(widest, m.Width(p, 0, size))
			}
		}
	}
	if widest > w && widest > 0 {
		// widths grow with the size: a little less than the ratio keeps
		// rounding on the right side
		size *= w / widest * 0.98
	}
	out := labelLines{size: size}
	for _, l := range labels {
		out.lines = append(out.lines, Wrap(m, l, w, size, 0))
	}
	return out
}

// fitLabelsIn is fitLabels whose labels must also stand in h mm each: the
// size shrinks until the longest label's lines fit.
func fitLabelsIn(m Measurer, labels []string, w, h, size float64) labelLines {
	l := fitLabels(m, labels, w, size)
	for i := 0; i < 40 && float64(l.most())*l.lineHeight() > h; i++ {
		l = fitLabels(m, labels, w, l.size*0.92)
	}
	return l
}
