package serve

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// fakeMaker returns what its field says, counting its calls.
type fakeMaker struct {
	res   *pipeline.Result
	err   error
	panic bool
	calls int
}

func (f *fakeMaker) Make(opt pipeline.Options) (*pipeline.Result, error) {
	f.calls++
	if opt.Out != "" || opt.EvaluationYear != 0 {
		panic("the preview must not name an output")
	}
	if f.panic {
		panic("boom")
	}
	return f.res, f.err
}

func noSleep(time.Duration) {}

func TestBrokenSourcesKeepTheLastGoodPDF(t *testing.T) {
	m := &fakeMaker{res: &pipeline.Result{PDF: []byte("%PDF-good"), SHA256: "1111"}}
	s, _ := New(Config{Options: pipeline.Options{Config: "cls.yaml", Out: "somewhere.pdf"}, Maker: m})
	s.rebuild(nil, noSleep)
	if s.st.good == nil || s.st.good.sha256 != "1111" || !s.st.attempt.ok {
		t.Fatalf("good build not kept: %+v", s.st)
	}

	errs := diag.List{{Severity: diag.Error, File: "sources/sigles.xlsx", Sheet: "Sigles", Cell: "A5", Message: "sigle « ARS » défini deux fois"}}
	m.res, m.err = &pipeline.Result{Problems: errs}, errs
	s.rebuild(nil, noSleep)
	v := s.view(false)
	if s.st.good.sha256 != "1111" || v.PDF == nil || !v.PDF.Stale {
		t.Errorf("the last good PDF is not shown as such")
	}
	if len(v.Errors) != 1 || v.Errors[0].Text != errs[0].String() || v.Errors[0].Where != "sources/sigles.xlsx, feuille « Sigles », cellule A5" {
		t.Errorf("errors shown: %+v", v.Errors)
	}

	m.res, m.err = nil, errors.New("polices introuvables")
	s.rebuild(nil, noSleep)
	if v := s.view(false); v.Failure != "polices introuvables" || v.PDF == nil {
		t.Errorf("a failure without a location: %+v", v)
	}

	m.panic = true
	s.rebuild(nil, noSleep)
	if v := s.view(false); !strings.Contains(v.Failure, "erreur interne") || v.PDF == nil || s.st.building {
		t.Errorf("a panic of the builder: %+v", v)
	}
}

func TestGenerationTellsThePageToRefresh(t *testing.T) {
	m := &fakeMaker{res: &pipeline.Result{PDF: []byte("%PDF"), SHA256: "2222"}}
	s, _ := New(Config{Maker: m})
	g := s.view(false).Gen
	s.rebuild(nil, noSleep)
	if s.view(false).Gen <= g {
		t.Errorf("generation did not grow with a rebuild")
	}
	g = s.view(false).Gen
	s.record(&result{title: "x"})
	if s.view(false).Gen <= g {
		t.Errorf("generation did not grow with an action's result")
	}
}

func TestResultsAreBounded(t *testing.T) {
	s, _ := New(Config{})
	for range maxResults + 5 {
		s.record(&result{title: "x"})
	}
	if len(s.st.results) != maxResults || s.st.results[0].id != maxResults+5 {
		t.Errorf("%d results kept, newest %d", len(s.st.results), s.st.results[0].id)
	}
}
