package serve

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// countingMaker builds nothing, counting its calls.
type countingMaker struct{ n atomic.Int32 }

func (c *countingMaker) Make(pipeline.Options) (*pipeline.Result, error) {
	c.n.Add(1)
	return &pipeline.Result{PDF: []byte("%PDF-"), SHA256: strings.Repeat("cd", 32)}, nil
}

// A file touched every 50 ms: before, nothing was rebuilt until it
// stopped (a log or a synchronisation tool in sources/ froze the page for
// ever); now a build comes every maxWait at most, one at a time, never a
// queue of them.
func TestStormRebuildsAtMostOncePerMaxWait(t *testing.T) {
	cfg := territory(t)
	m := &countingMaker{}
	serveTerritory(t, cfg, m)
	waitFor(t, "the first build", func() bool { return m.n.Load() == 1 })

	noisy := filepath.Join(filepath.Dir(cfg), "sources", "journal.txt")
	storm := 2*maxWait + time.Second
	start := time.Now()
	for i := 0; time.Since(start) < storm; i++ {
		os.WriteFile(noisy, []byte(strings.Repeat("x", i)), 0o644)
		time.Sleep(50 * time.Millisecond)
	}
	during := m.n.Load() - 1
	if during < 1 {
		t.Errorf("no rebuild during a %v storm: the page stays frozen while a file keeps changing", storm)
	}
	if most := int32(storm/maxWait) + 1; during > most {
		t.Errorf("%d rebuilds during a %v storm, want at most %d", during, storm, most)
	}
}

func TestCrowdedFolderIsSaidOnThePage(t *testing.T) {
	s := handlerAt(t)
	s.st.crowded = []string{"templates"}
	var b strings.Builder
	if err := pageTemplate().ExecuteTemplate(&b, "etat", s.view(false)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Le dossier « templates » contient plus de 5000 fichiers et dossiers") {
		t.Errorf("crowded folder not said:\n%s", b.String())
	}
}

// midSaveMaker's second build sees a save land while it reads: it
// touches a template as it builds, and says so in its PDF's SHA-256.
type midSaveMaker struct {
	n        atomic.Int32
	template string
}

func (m *midSaveMaker) Make(pipeline.Options) (*pipeline.Result, error) {
	n := m.n.Add(1)
	sha := strings.Repeat("ab", 32)
	if n == 2 {
		os.WriteFile(m.template, []byte("# Préambule\n\nSuite du texte.\n"), 0o644)
		sha = strings.Repeat("0d", 32) // read before the save ended
	}
	return &pipeline.Result{PDF: []byte("%PDF-"), SHA256: sha}, nil
}

// A save after a quiet time is built at once; a build that another save
// overtook while it read the files is never shown: the files as they
// are after it are built, then shown.
func TestBuildOvertakenBySaveIsNotShown(t *testing.T) {
	cfg := territory(t)
	tpl := filepath.Join(filepath.Dir(cfg), "templates", "02-preambule.md")
	m := &midSaveMaker{template: tpl}
	s := serveTerritory(t, cfg, m)
	waitFor(t, "the first build", func() bool { return m.n.Load() == 1 })
	time.Sleep(2 * debounce) // a quiet time
	os.WriteFile(tpl, []byte("# Préambule\n\nDébut du texte.\n"), 0o644)
	var shown []string
	waitFor(t, "a build after the one overtaken", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if g := s.st.good; g != nil && (len(shown) == 0 || shown[len(shown)-1] != g.sha256) {
			shown = append(shown, g.sha256)
		}
		return m.n.Load() >= 3 && !s.st.building
	})
	s.mu.Lock()
	final := s.st.good.sha256
	s.mu.Unlock()
	for _, sha := range append(shown, final) {
		if sha == strings.Repeat("0d", 32) {
			t.Fatalf("the build overtaken by a save was shown (builds %d, shown %q)", m.n.Load(), shown)
		}
	}
}
