package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// watch rebuilds the preview at once, then whenever the watched files
// change, until ctx ends. The first change after a quiet time is built at
// once, and the result shown only if nothing changed while it was built
// (a save is one burst of a few milliseconds: the coordinator waits for
// one build, not for a delay and then a build); changes that keep coming
// are built once they have stayed still for debounce (or kept changing
// for maxWait). Builds run one at a time in this goroutine: changes seen
// meanwhile make one more build, never a queue of them.
func (s *Server) watch(ctx context.Context) {
	n := newNotifier()
	defer n.close()
	prev, took := s.scan()
	n.follow(prev, s.roots())
	pending, changed := true, map[string]bool{}
	eager := false            // the pending changes came after the files stayed still for debounce
	var first, last time.Time // of the pending changes; last stays after a build
	for {
		if pending && (eager || due(time.Now(), first, last)) {
			var still func() bool
			if eager {
				before := prev
				still = func() bool { now, _ := s.scan(); return now.equal(before) }
			}
			s.rebuildIf(sortedKeys(changed), time.Sleep, still)
			pending, changed, eager = false, map[string]bool{}, false
			// the roots may have moved with cls.yaml; what changed
			// during the build is seen at the next scan
			var now snapshot
			if now, took = s.scan(); !now.equal(prev) {
				for _, p := range prev.changed(now) {
					changed[p] = true
				}
				prev, pending, first, last = now, true, time.Now(), time.Now()
				n.follow(prev, s.roots())
			}
		}
		wait := time.NewTimer(nextScan(time.Now(), pending, first, last, took))
		select {
		case <-ctx.Done():
			wait.Stop()
			return
		case <-wait.C:
		case <-n.changes():
			// the system told of a change: look now, once the burst
			// of a save (a few files within milliseconds) is written
			wait.Stop()
			time.Sleep(burst)
		}
		var now snapshot
		if now, took = s.scan(); !now.equal(prev) {
			for _, p := range prev.changed(now) {
				changed[p] = true
			}
			if !pending {
				// a change after a quiet time: one save, most likely
				first, eager = time.Now(), time.Since(last) >= debounce
			}
			prev, pending, last = now, true, time.Now()
			n.follow(prev, s.roots())
		}
	}
}

// scan takes a snapshot of the roots, notes for the page the folders too
// crowded to be watched whole, and says how long it took.
func (s *Server) scan() (snapshot, time.Duration) {
	start := time.Now()
	snap, crowded := scan(s.roots())
	took := time.Since(start)
	for i, p := range crowded {
		crowded[i] = s.shown(p)
	}
	s.mu.Lock()
	if !slices.Equal(crowded, s.st.crowded) {
		s.st.crowded = crowded
		s.st.gen++
	}
	s.mu.Unlock()
	return snap, took
}

// sortedKeys are the paths of a set, in order.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
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
	s.rebuildIf(changed, sleep, nil)
}

// rebuildIf is rebuild recording the outcome only when still, if set,
// says that the files did not change while the build read them; it
// reports whether it recorded it.
func (s *Server) rebuildIf(changed []string, sleep func(time.Duration), still func() bool) bool {
	s.mu.Lock()
	s.st.building = true
	s.st.gen++
	s.mu.Unlock()

	whole := awaitWhole(changed, sleep)
	start := time.Now()
	res, err := s.make()
	took := time.Since(start)
	kept := still == nil || still()

	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.building = false
	s.st.gen++
	if !kept {
		return false // another build follows, of the files as they are now
	}
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
	return true
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
