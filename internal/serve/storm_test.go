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
