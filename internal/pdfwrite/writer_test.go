package pdfwrite

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// TestWriterStartedAgainGivesTheSameBytes: a layout whose pass was not
// the last hands its pages over, then begins again; the document drawn
// first is thrown away, and the PDF is the one Write makes.
func TestWriterStartedAgainGivesTheSameBytes(t *testing.T) {
	res, opt := sample(t)
	want, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	res, opt = sample(t)
	w := NewWriter(opt)
	// a first pass: other pages, one too many
	w.Begin(nil)
	for n := 1; n <= 4; n++ {
		w.Page(n, layout.Page{Items: []doc.Item{doc.Text{X: 20, Y: 30, Text: "brouillon", Size: 11}}}, nil, nil)
	}
	// the last pass
	w.hand(res, false)
	got, err := w.Finish(res, opt.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("started again: %d bytes, Write: %d bytes, not the same", len(got), len(want))
	}
}

// TestWriterClosedOrFailedSaysSo: a page the family cannot print is the
// writer's error at Finish, named; a writer closed after a failed layout
// stops drawing.
func TestWriterClosedOrFailedSaysSo(t *testing.T) {
	res, opt := sample(t)
	w := NewWriter(opt)
	w.Begin(nil)
	w.Page(1, layout.Page{Items: []doc.Item{doc.Text{X: 20, Y: 30, Text: "\U0001F600", Size: 11}}}, nil, nil)
	if _, err := w.Finish(res, nil); err == nil || !strings.Contains(err.Error(), "page 1") {
		t.Errorf("unprintable page: %v", err)
	}
	w = NewWriter(opt)
	w.Begin(nil)
	w.Page(1, res.Pages[0], nil, nil)
	w.Close()
}
