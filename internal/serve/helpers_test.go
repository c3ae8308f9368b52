package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/starter"
)

// territory writes a new territory, as « cls init » does, and returns
// the path of its cls.yaml.
func territory(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "territoire")
	if _, err := starter.Write(dir, starter.DefaultName); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "cls.yaml")
}

// editWorkbook changes a workbook as a spreadsheet program saves it: the
// new file is written beside it, then renamed over it.
func editWorkbook(t *testing.T, path string, edit func(*excelize.File) error) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(path), "ABCD1234")
	out, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Write(out); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// duplicateSigle adds a second « ARS » to the sigles, on row 5: an error
// at sources/sigles.xlsx, sheet Sigles, cell A5.
func duplicateSigle(f *excelize.File) error {
	if err := f.SetCellValue("Sigles", "A5", "ARS"); err != nil {
		return err
	}
	return f.SetCellValue("Sigles", "B5", "Agence Régionale de Santé, encore")
}

// removeRow5 takes the duplicate away.
func removeRow5(f *excelize.File) error { return f.RemoveRow("Sigles", 5) }

// duplicateWhere is where the page must locate the duplicate.
const duplicateWhere = "sources/sigles.xlsx, feuille « Sigles », cellule A5"

// serveTerritory serves the territory of cfg on a free loopback port
// until the test ends, and returns its server.
func serveTerritory(t testing.TB, cfg string, maker Maker) *Server {
	t.Helper()
	return serveConfig(t, Config{Options: pipeline.Options{Config: cfg}, Maker: maker})
}

// serveConfig makes the server of c and serves it on a free loopback
// port until the test ends.
func serveConfig(t testing.TB, c Config) *Server {
	t.Helper()
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}

// waitFor polls cond until it holds, failing the test after 30 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting, after 30 s, for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stateOf is the page's short state, as its script reads it.
type stateOf struct {
	Generation int      `json:"generation"`
	Building   bool     `json:"construction"`
	SHA256     string   `json:"sha256"`
	Pages      int      `json:"pages"`
	Errors     []string `json:"erreurs"`
	Warnings   []string `json:"avertissements"`
}

// getState reads /etat.
func getState(t *testing.T, s *Server) stateOf {
	t.Helper()
	resp, err := http.Get(s.URL() + "etat")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st stateOf
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// get fetches a path of s and returns its status and body.
func get(t *testing.T, s *Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.URL() + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
