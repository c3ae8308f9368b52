package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/check"
	"github.com/contrat-local-sante/cls/internal/compose"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
)

// BenchmarkBuild is the whole build of the real contract, in memory: read
// the sources, draw the charts, compose, lay out, write the PDF.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Make(realOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// stages prepares the inputs of each stage once.
type stages struct {
	c    *model.Contract
	fam  *fonts.Family
	m    *fonts.Measurer
	cf   chart.Fonts
	d    *doc.Document
	g    layout.Geometry
	lr   *layout.Result
	meta doc.Meta
}

func prepare(b *testing.B, c *model.Contract, fam *fonts.Family) *stages {
	b.Helper()
	s := &stages{c: c, fam: fam, m: fonts.NewMeasurer(fam)}
	var err error
	if s.cf, err = chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold]); err != nil {
		b.Fatal(err)
	}
	d, probs := compose.Compose(c, s.m, s.cf)
	if probs.HasErrors() {
		b.Fatal(probs)
	}
	s.d, s.g = d, layout.A4(22, 20, 20, 20, 10.5)
	if s.lr, err = layout.Layout(d, s.g, layout.DefaultTheme(), s.m); err != nil {
		b.Fatal(err)
	}
	return s
}

func load(b *testing.B) (*model.Contract, *fonts.Family) {
	b.Helper()
	l, err := Load(realOptions())
	if err != nil || l.Problems.HasErrors() {
		b.Fatal(err, l)
	}
	return l.Contract, l.Fonts
}

func BenchmarkStageRead(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		load(b)
	}
}

// BenchmarkStageCheck is the checks of the loaded sources (sigles,
// contexts, grammar), which Load runs.
func BenchmarkStageCheck(b *testing.B) {
	c, _ := load(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		check.Check(c)
	}
}

func BenchmarkStageCompose(b *testing.B) {
	c, fam := load(b)
	s := prepare(b, c, fam)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		compose.Compose(c, s.m, s.cf)
	}
}

func BenchmarkStageLayout(b *testing.B) {
	c, fam := load(b)
	s := prepare(b, c, fam)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := layout.Layout(s.d, s.g, layout.DefaultTheme(), s.m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStageWrite(b *testing.B) {
	c, fam := load(b)
	s := prepare(b, c, fam)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pdfwrite.Write(s.lr, pdfwrite.Options{Geometry: s.g, Family: fam, Meta: s.d.Meta}); err != nil {
			b.Fatal(err)
		}
	}
}

// scaled returns the contract with its fiches repeated n times, each copy
// with its own codes, to measure how the cost grows.
func scaled(c *model.Contract, n int) *model.Contract {
	cc := *c
	cc.Fiches = nil
	cc.TemplateFiles = map[string]model.Template{}
	for k, v := range c.TemplateFiles {
		cc.TemplateFiles[k] = v
	}
	for i := 0; i < n; i++ {
		for _, f := range c.Fiches {
			g := f
			if i > 0 {
				g.Code = fmt.Sprintf("%s-%d", f.Code, i)
				if t, ok := c.TemplateFiles["fiches/"+f.Code+".md"]; ok {
					cc.TemplateFiles["fiches/"+g.Code+".md"] = t
				}
			}
			cc.Fiches = append(cc.Fiches, g)
		}
	}
	return &cc
}

// BenchmarkScale composes, lays out and writes the contract with 1, 10 and
// 100 times its 19 fiches.
func BenchmarkScale(b *testing.B) {
	c, fam := load(b)
	m := fonts.NewMeasurer(fam)
	cf, _ := chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
	g := layout.A4(22, 20, 20, 20, 10.5)
	defer func(n int) { layout.MaxPages = n }(layout.MaxPages)
	layout.MaxPages = 10_000 // 1 900 fiches make 5 317 pages
	for _, n := range []int{1, 10, 100} {
		sc := scaled(c, n)
		b.Run(fmt.Sprintf("fiches=%d", len(sc.Fiches)), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				d, probs := compose.Compose(sc, m, cf)
				if probs.HasErrors() {
					b.Fatal(probs)
				}
				// as a build does: each page drawn once laid out, then dropped
				w := pdfwrite.NewWriter(pdfwrite.Options{Geometry: g, Family: fam, Meta: d.Meta})
				lr, err := layout.Stream(d, g, layout.DefaultTheme(), m, w, true)
				if err != nil {
					b.Fatal(err)
				}
				pdf, err := w.Finish(lr, nil)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(lr.Pages)), "pages")
				b.ReportMetric(float64(len(pdf)), "bytes")
			}
		})
	}
}

// BenchmarkRebuild is cls serve's build after a save: a Rebuilder builds
// the contract again after one template was touched (its content
// unchanged, its modification time moved on), keeping the fonts and the
// workbooks. A save comes seconds after the previous build: the writer's
// document the Rebuilder prepares meanwhile is waited for outside the
// timer.
func BenchmarkRebuild(b *testing.B) {
	opt := territoryCopy(b)
	r := NewRebuilder()
	defer r.Close()
	if _, err := r.Make(opt); err != nil {
		b.Fatal(err)
	}
	tpl := filepath.Join(filepath.Dir(opt.Config), "templates", "02-preambule.md")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if d := r.c.next; d != nil {
			d.Err()
		}
		b.StartTimer()
		now := time.Now()
		os.Chtimes(tpl, now, now)
		if _, err := r.Make(opt); err != nil {
			b.Fatal(err)
		}
	}
}
