package serve

import (
	"fmt"
	"html/template"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// pageTemplate is the page; its template « etat » is the part that
// changes with the state. Templates are parsed when first served, not
// when the program starts: every command (a build too) would pay for it.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(assets, "assets/page.html"))
})

// view is what the page template shows, taken from the state at once.
type view struct {
	Token      string
	TokenField string
	Territory  string
	Version    string
	Gen        int
	Building   bool
	Acting     string
	// Status is the banner's class (ok, erreur, attente) and Headline
	// its sentence.
	Status    string
	Headline  string
	Errors    []problemView
	Warnings  []problemView
	Failure   string
	Unsettled bool
	// Crowded are the watched folders too full to be watched whole, and
	// Limit the number of entries watched in each.
	Crowded  []string
	Limit    int
	Attempt  string
	PDF      *pdfView
	Results  []resultView
	Versions []versionView
	Year     int
	Avenant  int
}

// problemView is one problem: its kind, where, what — diag's own words.
type problemView struct {
	Where, Message, Text string
}

type pdfView struct {
	Pages   int
	SHA256  string
	Version string
	At      string
	Took    string
	Src     string
	// Stale is set when the sources changed since and no longer build:
	// the PDF shown is the last good one.
	Stale bool
}

type resultView struct {
	Title    string
	OK       bool
	Lines    []string
	Problems []problemView
	At       string
	Link     string
	LinkName string
}

type versionView struct{ Key, Label string }

// view gathers what the page shows; full adds the forms' choices, which
// read the output folder.
func (s *Server) view(full bool) view {
	s.mu.Lock()
	st := s.st
	s.mu.Unlock()
	v := view{Token: s.token, TokenField: tokenField, Gen: st.gen, Building: st.building, Acting: st.acting, Year: time.Now().Year(), Avenant: 1}
	if st.cfg != nil {
		v.Territory = st.cfg.Territoire.Nom
	}
	a := st.attempt
	for _, p := range a.problems.Sorted() {
		pv := s.problem(p)
		if p.Severity == diag.Error {
			v.Errors = append(v.Errors, pv)
		} else {
			v.Warnings = append(v.Warnings, pv)
		}
	}
	v.Failure, v.Unsettled = a.failure, a.unsettled
	v.Crowded, v.Limit = st.crowded, maxWatched
	if !a.at.IsZero() {
		v.Attempt = fmt.Sprintf("Sources lues à %s (%s)", clock(a.at), seconds(a.took))
	}
	if g := st.good; g != nil {
		v.Version = g.version
		v.PDF = &pdfView{Pages: g.pages, SHA256: g.sha256, Version: g.version, At: clock(g.at), Took: seconds(g.took),
			Src: "/contrat.pdf?v=" + g.sha256[:min(16, len(g.sha256))], Stale: !a.ok}
		if c := g.contract; c != nil && len(c.Avenants) > 0 {
			v.Avenant = c.Avenants[len(c.Avenants)-1].Number
		}
	}
	switch {
	case a.at.IsZero():
		v.Status, v.Headline = "attente", "Première construction du contrat en cours…"
	case a.ok && len(v.Warnings) == 0:
		v.Status, v.Headline = "ok", "Le contrat se construit sans erreur ni avertissement."
	case a.ok:
		v.Status, v.Headline = "ok", fmt.Sprintf("Le contrat se construit sans erreur, avec %d avertissement(s).", len(v.Warnings))
	case len(v.Errors) > 0:
		v.Status, v.Headline = "erreur", fmt.Sprintf("%d erreur(s) à corriger : le contrat ne se construit pas.", len(v.Errors))
	default:
		v.Status, v.Headline = "erreur", "Le contrat ne se construit pas."
	}
	for _, r := range st.results {
		rv := resultView{Title: r.title, OK: r.ok, Lines: r.lines, At: clock(r.at)}
		for _, p := range r.problems.Sorted() {
			if p.Severity == diag.Error || !r.ok {
				rv.Problems = append(rv.Problems, s.problem(p))
			}
		}
		if r.file != "" {
			rv.LinkName = filepath.Base(r.file)
			rv.Link = fmt.Sprintf("/fichiers/%d/%s", r.id, url.PathEscape(rv.LinkName))
		}
		v.Results = append(v.Results, rv)
	}
	if full {
		for _, ver := range s.versions() {
			v.Versions = append(v.Versions, versionView{Key: ver.key, Label: ver.label})
		}
	}
	return v
}

// problem shows p as the command line does (diag's Where and String),
// its file named from the territory folder when it is inside.
func (s *Server) problem(p diag.Problem) problemView {
	if filepath.IsAbs(p.File) {
		p.File = s.shown(p.File)
	}
	return problemView{Where: p.Where(), Message: p.Message, Text: p.String()}
}

// clock is a time of day as the page shows it: 14:32:05.
func clock(t time.Time) string { return t.Format("15:04:05") }

// seconds is a duration in seconds, French style: « 1,2 s ».
func seconds(d time.Duration) string {
	return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
}
