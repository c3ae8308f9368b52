package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// watch rebuilds the preview at once, then whenever the watched files
// have changed and stayed still for debounce, until ctx ends.
func (s *Server) watch(ctx context.Context) {
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	prev := scan(s.roots())
	pending, changed := true, []string(nil)
	var last time.Time
	for {
		if pending && time.Since(last) >= debounce {
			s.rebuild(changed, time.Sleep)
			pending, changed = false, nil
			// the roots may have moved with cls.yaml; what changed
			// during the build is seen at the next tick
			if now := scan(s.roots()); !now.equal(prev) {
				changed, prev, pending, last = prev.changed(now), now, true, time.Now()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := scan(s.roots())
		if !now.equal(prev) {
			changed = append(changed, prev.changed(now)...)
			prev, pending, last = now, true, time.Now()
		}
	}
}

// roots are the files and folders whose change rebuilds the contract:
// cls.yaml, the sources and templates folders, the logo, and the fonts
// folder when it is the territory's own (a shared system folder is not
// watched).
func (s *Server) roots() []string {
	s.mu.Lock()
	cfg := s.st.cfg
	s.mu.Unlock()
	dir := s.territoryDir()
	if cfg == nil {
		// cls.yaml not read yet, or unreadable: the usual folders
		cfg = &config.Config{Dir: dir, Sources: "sources", Modeles: "templates", Polices: config.Polices{Dossier: "fonts"}}
	}
	d := s.opt.Dirs(cfg)
	roots := []string{s.opt.Config, d.Sources, d.Templates}
	if abs, err := filepath.Abs(d.Fonts); err == nil && within(abs, dir) {
		roots = append(roots, d.Fonts)
	}
	if logo := cfg.Document.Logo; logo != "" {
		roots = append(roots, cfg.Path(logo))
	}
	return roots
}

// rebuild builds the preview in memory and records the outcome. The
// workbooks among changed are first given time to be whole.
func (s *Server) rebuild(changed []string, sleep func(time.Duration)) {
	s.mu.Lock()
	s.st.building = true
	s.st.gen++
	s.mu.Unlock()

	whole := awaitWhole(changed, sleep)
	start := time.Now()
	res, err := s.make()
	took := time.Since(start)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.building = false
	s.st.gen++
	a := attempt{at: start, took: took, unsettled: !whole}
	if res != nil {
		a.problems = res.Problems.Dedup()
		if res.Config != nil {
			s.st.cfg = res.Config
		}
	}
	var list diag.List
	switch {
	case err == nil && res != nil && res.PDF != nil:
		a.ok = true
		b := &built{pdf: res.PDF, sha256: res.SHA256, at: start, took: took, contract: res.Contract}
		if res.Layout != nil {
			b.pages = len(res.Layout.Pages)
		}
		if res.Contract != nil {
			b.version = res.Contract.Version()
		}
		if res.Config != nil {
			b.file = res.Config.Sortie.Fichier
		}
		s.st.good = b
	case errors.As(err, &list):
		// the result's problems hold the errors, unless the reading
		// stopped before there was a result (cls.yaml unreadable)
		if !a.problems.HasErrors() {
			a.problems = append(a.problems, list...).Dedup()
		}
	case err != nil:
		a.failure = err.Error()
	default:
		a.failure = "la construction n'a rien produit"
	}
	s.st.attempt = a
}

// make runs the preview's builder on the options of the page, without
// an output (pipeline.Make writes nothing) and without letting a panic
// end the server.
func (s *Server) make() (res *pipeline.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("erreur interne de cls pendant la construction (%v) ; le PDF précédent reste affiché", r)
		}
	}()
	opt := s.opt
	opt.Out, opt.EvaluationYear = "", 0
	return s.maker.Make(opt)
}
