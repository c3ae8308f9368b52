// Package diag describes problems found in the sources, in French, for the
// coordinator who edits them: where (file, sheet, cell or line), what was
// found, what was expected.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a problem stops the build.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

// Problem is one thing wrong in the sources.
type Problem struct {
	Severity Severity
	File     string // path as the user knows it
	Sheet    string // workbook sheet, if any
	Cell     string // A1 reference, if any
	Line     int    // template line, if any
	Message  string // what is wrong, including what was found and expected
}

// Where formats the location of the problem.
func (p Problem) Where() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, "feuille « "+p.Sheet+" »")
	}
	if p.Cell != "" {
		parts = append(parts, "cellule "+p.Cell)
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("ligne %d", p.Line))
	}
	return strings.Join(parts, ", ")
}

func (p Problem) String() string {
	kind := "erreur"
	if p.Severity == Warning {
		kind = "avertissement"
	}
	if w := p.Where(); w != "" {
		return fmt.Sprintf("%s : %s : %s", kind, w, p.Message)
	}
	return fmt.Sprintf("%s : %s", kind, p.Message)
}

// List collects problems.
type List []Problem

// Errorf adds an error.
func (l *List) Errorf(file, sheet, cell string, format string, args ...any) {
	*l = append(*l, Problem{Severity: Error, File: file, Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (l *List) Warnf(file, sheet, cell string, format string, args ...any) {
	*l = append(*l, Problem{Severity: Warning, File: file, Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any problem is an error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Sorted returns the problems errors first, in a stable order.
func (l List) Sorted() List {
	out := append(List(nil), l...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity < out[j].Severity })
	return out
}

// Error makes a list usable as an error: one problem per line.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l.Sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Dedup keeps one problem per cell and severity: a cell read twice (a
// sheet that is both data and a chart's source) is reported once, with the
// first message; a warning about a cell (an invisible character removed)
// never hides an error about it.
func (l List) Dedup() List {
	seen := map[string]bool{}
	var out List
	for _, p := range l {
		if p.Cell != "" {
			k := fmt.Sprint(p.Severity) + "\x00" + p.File + "\x00" + p.Sheet + "\x00" + p.Cell
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, p)
	}
	return out
}
