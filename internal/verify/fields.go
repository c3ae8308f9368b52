package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Bounds on the walk of a form: a contract has one field per signatory
// (a few dozen at most); the bounds stop a hostile maze of fields.
const (
	maxFields        = 500
	maxFieldDepth    = 16
	maxObjectStreams = 16
)

// Signature is one signature field of the copy, as the PDF states it.
type Signature struct {
	// Field is the field's full name (its /T and its parents', joined
	// by dots), as a signing tool shows it.
	Field string
	// Signed is whether the field holds a signature (a /V dictionary).
	Signed bool
	// Name, Date, Reason and Location are the signature dictionary's
	// /Name, /M, /Reason and /Location, as written; Date in French when
	// it reads as a PDF date. Empty when absent.
	Name, Date, Reason, Location string
	// Covers is the number (from 1) of the revision whose end the
	// signature's /ByteRange reaches, with its hole exactly its
	// /Contents: everything up to that revision is signed. 0 when the
	// /ByteRange covers no revision so (a gap, a hole larger than the
	// signature, an end inside a revision).
	Covers int
}

// signatures lists the signature fields of pdf's last revision (what a
// reader shows): every terminal field of the AcroForm whose type,
// possibly inherited, is /Sig. A PDF without a form has none.
func signatures(where string, pdf []byte, revisions []int) (sigs []Signature, err error) {
	defer func() {
		if r := recover(); r != nil {
			sigs, err = nil, fmt.Errorf("%s : formulaire des signatures illisible (%s)", where, safefile.Recovered(r))
		}
	}()
	ctx, err := embed.Parse(where, pdf)
	if err != nil {
		return nil, err
	}
	w := &walker{pdf: pdf, revisions: revisions, seen: map[int]bool{}}
	w.Resolver = embed.Resolver{X: ctx.XRefTable, MaxStreams: maxObjectStreams, TooMany: func(max int) error {
		return fmt.Errorf("champs répartis dans plus de %d flux d'objets", max)
	}}
	root, err := w.Dict(ctx.XRefTable.Root)
	if err != nil {
		return nil, w.fail(where, err)
	}
	form, err := w.Dict(root["AcroForm"])
	if err != nil || form == nil {
		return nil, w.fail(where, err)
	}
	fields, err := w.Array(form["Fields"])
	if err != nil {
		return nil, w.fail(where, err)
	}
	for _, f := range fields {
		if err := w.field(f, "", "", 0); err != nil {
			return nil, w.fail(where, err)
		}
	}
	return w.sigs, nil
}

// walker walks a form's field tree, counting what it opens.
type walker struct {
	embed.Resolver
	pdf       []byte
	revisions []int
	seen      map[int]bool // objects visited, against cycles
	count     int
	sigs      []Signature
}

var (
	errBroken  = embed.ErrBroken
	errTooMany = fmt.Errorf("plus de %d champs ou de %d niveaux de champs", maxFields, maxFieldDepth)
)

// fail is the French error for a form the walk could not read; nil
// when err is (no form at all).
func (w *walker) fail(where string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s : formulaire des signatures illisible (%s)", where, err)
}

// text resolves o to a text string; "" when absent or not a string.
func (w *walker) text(o types.Object) string {
	o, err := w.Deref(o)
	if err != nil || o == nil {
		return ""
	}
	s, err := types.StringOrHexLiteral(o)
	if err != nil || s == nil {
		return ""
	}
	return *s
}

// field reads one field: a signature when its type (inherited as ft)
// is /Sig and it has no child fields, else its kids.
func (w *walker) field(o types.Object, parent, ft string, depth int) error {
	w.count++
	if w.count > maxFields || depth > maxFieldDepth {
		return errTooMany
	}
	if r, ok := o.(types.IndirectRef); ok {
		if w.seen[r.ObjectNumber.Value()] {
			return errBroken
		}
		w.seen[r.ObjectNumber.Value()] = true
	}
	d, err := w.Dict(o)
	if err != nil || d == nil {
		return errBroken
	}
	name := parent
	if t := w.text(d["T"]); t != "" {
		name = strings.TrimPrefix(parent+"."+t, ".")
	}
	if n, ok := d["FT"].(types.Name); ok {
		ft = n.Value()
	}
	kids, err := w.Array(d["Kids"])
	if err != nil {
		return err
	}
	// kids without /T are the field's widgets, not fields of their own
	fieldKids := false
	for _, k := range kids {
		if kd, err := w.Dict(k); err == nil && kd != nil && kd["T"] != nil {
			fieldKids = true
		}
	}
	if fieldKids {
		for _, k := range kids {
			if err := w.field(k, name, ft, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if ft != "Sig" {
		return nil
	}
	s := Signature{Field: name}
	v, err := w.Dict(d["V"])
	if err != nil {
		return err
	}
	if v != nil {
		s.Signed = true
		s.Name, s.Reason, s.Location = w.text(v["Name"]), w.text(v["Reason"]), w.text(v["Location"])
		s.Date = frenchDate(w.text(v["M"]))
		s.Covers = w.covers(v)
	}
	w.sigs = append(w.sigs, s)
	return nil
}

// covers checks a signature's /ByteRange [0 a b n]: two ranges from the
// start of the file to the end of the revision that holds the signature,
// leaving out exactly the hex string of /Contents (from its < to its >).
// It returns the number of that revision, or 0.
func (w *walker) covers(v types.Dict) int {
	br, err := w.Array(v["ByteRange"])
	if err != nil || len(br) != 4 {
		return 0
	}
	var n [4]int
	for i, o := range br {
		o, err := w.Deref(o)
		if err != nil {
			return 0
		}
		x, ok := o.(types.Integer)
		if !ok || x < 0 {
			return 0
		}
		n[i] = x.Value()
	}
	start, holeFrom, holeTo, end := n[0], n[1], n[2], n[2]+n[3]
	if start != 0 || holeFrom >= holeTo || end > len(w.pdf) || end < holeTo {
		return 0
	}
	if w.pdf[holeFrom] != '<' || w.pdf[holeTo-1] != '>' {
		return 0
	}
	for _, c := range w.pdf[holeFrom+1 : holeTo-1] {
		if !isHex(c) {
			return 0
		}
	}
	// the signature lies in the update it ends: a /ByteRange ending at a
	// later revision would not be this signature's own
	i := slices.Index(w.revisions, end)
	if i < 0 || (i > 0 && holeFrom < w.revisions[i-1]) {
		return 0
	}
	return i + 1
}

// isHex reports whether c may appear in a PDF hex string.
func isHex(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		return true
	case c == ' ', c == '\n', c == '\r', c == '\t':
		return true
	}
	return false
}
