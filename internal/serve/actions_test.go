package serve

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// postAction sends an action to a running server as its page does.
func postAction(t *testing.T, s *Server, action string, form url.Values) {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set(tokenField, s.token)
	req, err := http.NewRequest("POST", s.URL()+"actions/"+action, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", strings.TrimSuffix(s.URL(), "/"))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%s: %d", action, resp.StatusCode)
	}
}

// lastResult is the newest action's result.
func lastResult(s *Server) resultView { return s.view(false).Results[0] }

func TestActionsWriteWhatTheCommandsWrite(t *testing.T) {
	cfg := territory(t)
	dir := filepath.Dir(cfg)
	s := serveTerritory(t, cfg, nil)
	waitFor(t, "the first build", func() bool { return getState(t, s).SHA256 != "" })
	out := filepath.Join(dir, "output", "contrat-local-de-sante.pdf")

	postAction(t, s, "construire", nil)
	r := lastResult(s)
	if !r.OK || !strings.Contains(strings.Join(r.Lines, "\n"), "Contrat écrit : ") || r.Link == "" {
		t.Fatalf("build: %+v", r)
	}
	sha, err := os.ReadFile(out + ".sha256")
	if err != nil {
		t.Fatalf("no .sha256 beside the PDF: %v", err)
	}
	code, pdf := get(t, s, r.Link)
	if code != 200 || !strings.HasPrefix(string(sha), sum(pdf)) {
		t.Errorf("%s: %d, not the PDF written", r.Link, code)
	}
	// the build to sign is the preview's bytes
	if st := getState(t, s); st.SHA256 != sum(pdf) {
		t.Errorf("built %s, preview %s", sum(pdf), st.SHA256)
	}

	// a change, built again: the first PDF goes to the archive, and the
	// comparison with it says what changed
	editWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), func(f *excelize.File) error {
		return f.SetCellValue("Sigles", "B2", "Agence régionale de santé de Normandie")
	})
	waitFor(t, "the change rebuilt", func() bool { st := getState(t, s); return st.SHA256 != sum(pdf) && !st.Building })
	postAction(t, s, "construire", nil)
	archived, _ := filepath.Glob(filepath.Join(dir, "output", "archive", "*.pdf"))
	if len(archived) != 1 {
		t.Fatalf("archive: %v", archived)
	}
	postAction(t, s, "differences", url.Values{"version": {"archive/" + filepath.Base(archived[0])}})
	r = lastResult(s)
	if text := strings.Join(r.Lines, "\n"); !r.OK || !strings.Contains(text, "Agence régionale de santé de Normandie") || !strings.Contains(text, "1 changement(s).") {
		t.Errorf("differences: %+v", r)
	}
	postAction(t, s, "differences", url.Values{"version": {"sortie"}})
	if r := lastResult(s); r.Lines[0] != "Aucun changement." {
		t.Errorf("differences with the version just built: %+v", r)
	}
	// a version is named from the server's list, never by a path
	postAction(t, s, "differences", url.Values{"version": {"../cls.yaml"}})
	if r := lastResult(s); r.OK || !strings.Contains(r.Lines[0], "n'est plus dans le dossier de sortie") {
		t.Errorf("a path as version: %+v", r)
	}

	// an annex asked before its workbook: the page names its button, not
	// the command line's « cls evaluation template »
	postAction(t, s, "evaluation", url.Values{"annee": {"2026"}})
	if r := lastResult(s); r.OK || !strings.Contains(r.Lines[0], "sources/evaluation/2026.xlsx : classeur d'évaluation introuvable") ||
		!strings.Contains(r.Lines[0], "le bouton « Écrire le classeur d'évaluation à remplir »") || strings.Contains(r.Lines[0], "cls evaluation") {
		t.Errorf("annex without its workbook: %+v", r)
	}
	postAction(t, s, "evaluation-classeur", url.Values{"annee": {"2026"}})
	r = lastResult(s)
	if _, err := os.Stat(filepath.Join(dir, "sources", "evaluation", "2026.xlsx")); err != nil || !r.OK || !strings.HasSuffix(r.Link, "/2026.xlsx") {
		t.Fatalf("evaluation workbook: %+v (%v)", r, err)
	}
	postAction(t, s, "evaluation", url.Values{"annee": {"2026"}})
	r = lastResult(s)
	if !r.OK || !strings.Contains(r.Lines[0], "Annexe d'évaluation 2026 écrite") {
		t.Errorf("evaluation annex: %+v", r)
	}
	postAction(t, s, "evaluation", url.Values{"annee": {"3000"}})
	if r := lastResult(s); r.OK || !strings.Contains(r.Lines[0], "n'est pas une année") {
		t.Errorf("year 3000: %+v", r)
	}

	postAction(t, s, "avenant", url.Values{"numero": {"1"}})
	r = lastResult(s)
	if r.OK || len(r.Problems) == 0 || r.Problems[0].Where != "sources/contrat.xlsx, feuille « Avenants »" || !strings.Contains(r.Lines[0], "intact") {
		t.Errorf("an avenant the register lacks: %+v", r)
	}
	if _, page := get(t, s, "/"); !strings.Contains(page, "Résultats des actions") || !strings.Contains(page, "Avenant n° 1") {
		t.Errorf("results not on the page")
	}
}

// An action that fails on a file of the territory names it from the
// territory folder, as the problems do, not by the machine's path.
func TestActionErrorsNameFilesFromTheTerritory(t *testing.T) {
	cfg := territory(t)
	dir := filepath.Dir(cfg)
	s := serveTerritory(t, cfg, nil)
	waitFor(t, "the first build", func() bool { return getState(t, s).SHA256 != "" })
	// output/ is a file: the build to sign cannot write there
	if err := os.WriteFile(filepath.Join(dir, "output"), []byte("pas un dossier"), 0o644); err != nil {
		t.Fatal(err)
	}
	postAction(t, s, "construire", nil)
	r := lastResult(s)
	lines := strings.Join(r.Lines, "\n")
	if r.OK || !strings.Contains(lines, "output") {
		t.Fatalf("build into a file: %+v", r)
	}
	if strings.Contains(lines, dir) {
		t.Errorf("the message names the machine's path:\n%s", lines)
	}
}
