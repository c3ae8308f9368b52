package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/diff"
	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// Years an evaluation may be about, as « cls evaluation » takes them: a
// contract of this century.
const firstYear, lastYear = 2000, 2100

// maxAvenant bounds the avenant number a form may ask for.
const maxAvenant = 999

// action runs one of the page's actions, posted from its forms, then
// sends the browser back to the page, which shows the result: a reload
// does not run it again.
func (s *Server) action(w http.ResponseWriter, r *http.Request, name string) {
	if !s.checkPost(w, r) {
		return
	}
	run, ok := s.actions[name]
	if !ok {
		refuse(w, http.StatusNotFound, "Action inconnue : « "+name+" ».")
		return
	}
	if !s.acting.TryLock() {
		s.record(&result{title: "Action refusée", lines: []string{"Une autre action est en cours ; attendez qu'elle finisse et recommencez."}})
	} else {
		s.setActing(actionTitles[name])
		res := s.safely(run, r)
		s.setActing("")
		s.acting.Unlock()
		s.record(res)
	}
	http.Redirect(w, r, "/#resultats", http.StatusSeeOther)
}

// actionsOf are the page's actions, by the last part of their path.
func actionsOf(s *Server) map[string]func(*http.Request) *result {
	return map[string]func(*http.Request) *result{
		"construire":          s.buildToSign,
		"avenant":             s.avenant,
		"evaluation-classeur": s.evaluationWorkbook,
		"evaluation":          s.evaluationAnnex,
		"differences":         s.differences,
	}
}

// actionTitles name the actions while they run.
var actionTitles = map[string]string{
	"construire":          "construction de la version à signer",
	"avenant":             "construction de l'avenant",
	"evaluation-classeur": "écriture du classeur d'évaluation",
	"evaluation":          "construction de l'annexe d'évaluation",
	"differences":         "comparaison des versions",
}

// safely runs an action without letting a panic end the server.
func (s *Server) safely(run func(*http.Request) *result, r *http.Request) (res *result) {
	defer func() {
		if p := recover(); p != nil {
			res = &result{title: "Erreur interne", lines: []string{fmt.Sprintf("erreur interne de cls (%v) ; rien n'a été écrit ou le fichier précédent est intact", p)}}
		}
	}()
	return run(r)
}

func (s *Server) setActing(what string) {
	s.mu.Lock()
	s.st.acting = what
	s.st.gen++
	s.mu.Unlock()
}

// record keeps an action's result for the page, the newest first.
func (s *Server) record(res *result) {
	if res.file != "" {
		// the document is served only as it is now: a regular file
		if st, err := os.Lstat(res.file); err == nil && st.Mode().IsRegular() {
			res.written = st
		} else {
			res.file = ""
		}
	}
	// the messages name the territory's files from its folder, as the
	// problems do, not by the machine's absolute paths
	if dir := s.territoryDir(); dir != "" {
		for i, l := range res.lines {
			res.lines[i] = strings.ReplaceAll(l, dir+string(filepath.Separator), "")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.nextID++
	res.id, res.at = s.st.nextID, time.Now()
	s.st.results = append([]*result{res}, s.st.results...)
	if len(s.st.results) > maxResults {
		s.st.results = s.st.results[:maxResults]
	}
	s.st.gen++
}

// written is the result of an action that writes a document through the
// pipeline: the file and its hash, or every problem and the assurance
// that nothing was replaced.
func written(title string, res *pipeline.Result, err error, summary func(*pipeline.Result) []string) *result {
	out := &result{title: title}
	if res != nil {
		out.problems = res.Problems.Dedup()
	}
	var list diag.List
	switch {
	case errors.As(err, &list):
		if !out.problems.HasErrors() {
			out.problems = append(out.problems, list...)
		}
		out.lines = []string{"Rien n'a été produit ; le fichier précédent est intact."}
	case err != nil:
		out.lines = []string{err.Error()}
	default:
		out.ok, out.file, out.lines = true, res.Path, summary(res)
	}
	return out
}

// pages is the page count of a result.
func pages(res *pipeline.Result) int {
	if res.Layout == nil {
		return 0
	}
	return len(res.Layout.Pages)
}

// buildToSign is « cls build »: the contract written with its .sha256,
// the PDF it replaces archived.
func (s *Server) buildToSign(*http.Request) *result {
	res, err := pipeline.Build(s.opt)
	return written("Version à signer", res, err, func(res *pipeline.Result) []string {
		return []string{
			fmt.Sprintf("Contrat écrit : %s (%d pages, %d octets)", s.shown(res.Path), pages(res), len(res.PDF)),
			res.Contract.Version(),
			fmt.Sprintf("SHA-256 : %s (aussi dans %s.sha256)", res.SHA256, filepath.Base(res.Path)),
		}
	})
}

// avenant is « cls avenant N [--avant VERSION] ».
func (s *Server) avenant(r *http.Request) *result {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("numero")))
	if err != nil || n < 1 || n > maxAvenant {
		return refused("Avenant", fmt.Sprintf("« %s » n'est pas un numéro d'avenant ; attendu un nombre entre 1 et %d", short(r.PostFormValue("numero")), maxAvenant))
	}
	before := ""
	if key := r.PostFormValue("avant"); key != "" {
		v, ok := s.findVersion(key)
		if !ok {
			return refused("Avenant", "la version d'avant choisie n'est plus dans le dossier de sortie ; rechargez la page et choisissez-en une autre")
		}
		before = v.path
	}
	res, err := pipeline.Avenant(s.opt, n, before, "")
	return written(fmt.Sprintf("Avenant n° %d", n), res, err, func(res *pipeline.Result) []string {
		return []string{
			fmt.Sprintf("Avenant écrit : %s (%d pages)", s.shown(res.Path), pages(res)),
			fmt.Sprintf("SHA-256 : %s (aussi dans %s.sha256)", res.SHA256, filepath.Base(res.Path)),
		}
	})
}

// year reads the year field of an evaluation form.
func year(r *http.Request) (int, error) {
	v := strings.TrimSpace(r.PostFormValue("annee"))
	y, err := strconv.Atoi(v)
	if err != nil || y < firstYear || y > lastYear {
		return 0, fmt.Errorf("« %s » n'est pas une année ; attendu une année entre %d et %d, par exemple 2026", short(v), firstYear, lastYear)
	}
	return y, nil
}

// evaluationWorkbook is « cls evaluation template ANNÉE ».
func (s *Server) evaluationWorkbook(r *http.Request) *result {
	y, err := year(r)
	if err != nil {
		return refused("Classeur d'évaluation", err.Error())
	}
	title := fmt.Sprintf("Classeur d'évaluation %d", y)
	path, err := pipeline.EvaluationTemplate(s.opt, y, "")
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return &result{title: title, problems: list, lines: []string{"Rien n'a été écrit."}}
		}
		return refused(title, err.Error())
	}
	return &result{title: title, ok: true, file: path, lines: []string{
		"Classeur écrit : " + s.shown(path),
		"Remplissez-le dans Excel ou LibreOffice, puis construisez l'annexe de cette année.",
	}}
}

// evaluationAnnex is « cls evaluation ANNÉE ».
func (s *Server) evaluationAnnex(r *http.Request) *result {
	y, err := year(r)
	if err != nil {
		return refused("Annexe d'évaluation", err.Error())
	}
	title := fmt.Sprintf("Annexe d'évaluation %d", y)
	if wb := s.evaluationWorkbookPath(y); wb != "" {
		if _, err := os.Stat(wb); errors.Is(err, fs.ErrNotExist) {
			// the command line's message would tell to type a command:
			// here the page has a button for it
			return refused(title, fmt.Sprintf("%s : classeur d'évaluation introuvable ; attendu le classeur de l'année : le bouton « Écrire le classeur d'évaluation à remplir » (année %d) le crée vierge, à remplir dans Excel ou LibreOffice", s.shown(wb), y))
		}
	}
	res, err := pipeline.Evaluation(s.opt, y, "")
	return written(title, res, err, func(res *pipeline.Result) []string {
		return []string{
			fmt.Sprintf("Annexe d'évaluation %d écrite : %s (%d pages)", y, s.shown(res.Path), pages(res)),
			"SHA-256 : " + res.SHA256,
		}
	})
}

// evaluationWorkbookPath is where the evaluation workbook of year is read
// from, "" while cls.yaml has not been read.
func (s *Server) evaluationWorkbookPath(year int) string {
	s.mu.Lock()
	cfg := s.st.cfg
	s.mu.Unlock()
	if cfg == nil {
		return ""
	}
	return s.opt.Dirs(cfg).EvaluationWorkbook(year)
}

// differences is « cls diff VERSION TERRITOIRE »: what changed between a
// version kept in the output folder and the contract the page shows.
func (s *Server) differences(r *http.Request) *result {
	const title = "Différences"
	v, ok := s.findVersion(r.PostFormValue("version"))
	if !ok {
		return refused(title, "la version choisie n'est plus dans le dossier de sortie ; rechargez la page et choisissez-en une autre")
	}
	s.mu.Lock()
	good := s.st.good
	s.mu.Unlock()
	if good == nil || good.contract == nil {
		return refused(title, "aucun contrat n'a encore été construit sans erreur ; corrigez les erreurs affichées, puis comparez")
	}
	old, err := pipeline.ReadVersion(v.path)
	if err != nil {
		return refused(title, err.Error())
	}
	changes := diff.Compare(old, good.contract)
	out := &result{title: title + " avec " + v.label, ok: true}
	if len(changes) == 0 {
		out.lines = []string{"Aucun changement."}
		return out
	}
	for _, c := range changes {
		out.lines = append(out.lines, c.String())
	}
	out.lines = append(out.lines, fmt.Sprintf("%d changement(s).", len(changes)))
	return out
}

// shown is a path as the page names it: from the territory folder when
// it is inside, as the coordinator sees the folder.
func (s *Server) shown(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(s.territoryDir(), abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(r)
	}
	return p
}

// refused is an action's result that stopped before writing anything.
func refused(title, msg string) *result {
	return &result{title: title, lines: []string{msg}}
}

// short cuts what a form sent, for a message.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
