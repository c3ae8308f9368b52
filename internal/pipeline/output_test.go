package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// example writes the small example territory in a new folder and returns
// the path of its cls.yaml.
func example(t *testing.T) string {
	t.Helper()
	return sourcetest.Example().Write(t, t.TempDir(), filepath.Join("..", "..", "fonts"))
}

// targetErr is the refusal of out as the PDF of the territory at cfgPath
// ("" when out is accepted).
func targetErr(t *testing.T, cfgPath, out string, overrides map[string]string) string {
	t.Helper()
	cfg, err := config.Load(cfgPath, overrides)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pdfTarget(Options{Config: cfgPath}, cfg, out, cfg.Sortie.Fichier, ""); err != nil {
		return err.Error()
	}
	return ""
}

// The outputs that would hang, fill memory, replace a system file or
// destroy an input are refused, each with its reason.
func TestOutputPathRefused(t *testing.T) {
	cfg := example(t)
	dir := filepath.Dir(cfg)
	src := filepath.Join(dir, "sources", "contrat.xlsx")
	elsewhere := filepath.Join(t.TempDir(), "lien-dur.xlsx")
	if err := os.Link(src, elsewhere); err != nil {
		t.Skip("no hard links here")
	}
	os.Symlink(filepath.Join(dir, "sources"), filepath.Join(dir, "lien-dossier"))
	os.Symlink(filepath.Join(dir, "nulle-part.pdf"), filepath.Join(dir, "lien-casse.pdf"))
	os.Symlink(src, filepath.Join(dir, "lien-source.pdf"))
	os.WriteFile(filepath.Join(dir, "c.pdf.sha256"), []byte("x"), 0o644)
	os.Link(cfg, filepath.Join(dir, "d.pdf.sha256"))
	expected := " ; attendu un autre chemin, par exemple output/contrat.pdf"
	for _, tc := range []struct{ out, want string }{
		{dir, "--out " + dir + " : ce n'est pas un fichier ordinaire (dossier) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"},
		{src, "--out " + src + " : ce fichier est une source du contrat ; il ne sera pas remplacé par le PDF" + expected},
		{filepath.Join(dir, "sources", "..", "sources", "contrat.xlsx"), "ce fichier est une source du contrat"},
		{filepath.Join(dir, "lien-dossier", "fiches.xlsx"), "ce fichier est une source du contrat"},
		{elsewhere, "--out " + elsewhere + " : ce fichier est une source du contrat ; il ne sera pas remplacé par le PDF" + expected},
		{filepath.Join(dir, "lien-source.pdf"), "ce fichier est une source du contrat"},
		{cfg, "--out " + cfg + " : ce fichier est la configuration du contrat (cls.yaml) ; il ne sera pas remplacé par le PDF" + expected},
		{filepath.Join(dir, "fonts-copie", "..", "templates", "nouveau.pdf"), "--out " + filepath.Join(dir, "templates", "nouveau.pdf") + " : ce chemin est dans le dossier des modèles (" + filepath.Join(dir, "templates") + "), que lit le contrat ; le PDF n'y est pas écrit" + expected},
		{filepath.Join(dir, "lien-casse.pdf"), "--out " + filepath.Join(dir, "lien-casse.pdf") + " : c'est un lien symbolique vers « " + filepath.Join(dir, "nulle-part.pdf") + " », qui ne mène à aucun fichier ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"},
		{filepath.Join(dir, "d.pdf"), "--out " + filepath.Join(dir, "d.pdf") + " : son fichier de contrôle, d.pdf.sha256, remplacerait la configuration du contrat (cls.yaml)" + expected},
		{filepath.Join(dir, "c.pdf"), ""}, // a .sha256 that is no input is replaced
	} {
		got := targetErr(t, cfg, tc.out, nil)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("--out %s:\n got %q\nwant %q", tc.out, got, tc.want)
		}
	}
}

// A device or a FIFO as the output: refused before anything is read from
// or written to it (the archiving used to read /dev/full until memory ran
// out; a FIFO hung the build).
func TestOutputDeviceRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev")
	}
	cfg := example(t)
	for _, dev := range []string{"/dev/full", "/dev/null", "/dev/zero"} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		want := "--out " + dev + " : ce n'est pas un fichier ordinaire (périphérique) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"
		if got := targetErr(t, cfg, dev, nil); got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
	link := filepath.Join(t.TempDir(), "vers-null.pdf")
	os.Symlink("/dev/null", link)
	want := "--out " + link + " : c'est un lien symbolique vers « /dev/null », qui n'est pas un fichier ordinaire (périphérique) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"
	if got := targetErr(t, cfg, link, nil); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// The configured output stays in the territory folder; --out may go
// anywhere.
func TestConfiguredOutputStaysInTheTerritory(t *testing.T) {
	cfg := example(t)
	for _, tc := range []struct {
		key, val, want string
	}{
		{"sortie.dossier", "../../..", "option --set sortie.dossier : sortie.dossier vaut « ../../.. », qui sort du dossier du territoire (celui de cls.yaml) ; attendu un chemin relatif, sans « .. », par exemple « output » — pour écrire ailleurs : --out FICHIER.pdf"},
		{"sortie.dossier", "/tmp", "option --set sortie.dossier : sortie.dossier vaut « /tmp », qui sort du dossier du territoire"},
		{"sortie.fichier", "../../../x.pdf", "option --set sortie.fichier : sortie.fichier vaut « ../../../x.pdf »"},
	} {
		got := ""
		c, err := config.Load(cfg, map[string]string{tc.key: tc.val})
		if err == nil {
			_, err = pdfTarget(Options{Config: cfg}, c, "", c.Sortie.Fichier, "")
		}
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s=%s:\n got %q\nwant %q", tc.key, tc.val, got, tc.want)
		}
	}
	if got := targetErr(t, cfg, filepath.Join(t.TempDir(), "ailleurs.pdf"), nil); got != "" {
		t.Errorf("--out elsewhere refused: %s", got)
	}
	// check reports it with the other problems
	probs, err := Check(Options{Config: cfg, Overrides: map[string]string{"sortie.dossier": "../.."}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(probs.Error(), "erreur : option --set sortie.dossier : sortie.dossier vaut « ../.. », qui sort du dossier du territoire") {
		t.Errorf("check: %v", probs)
	}
}

// A symbolic link to a regular file is followed: the file it leads to gets
// the PDF, its .sha256 and archive go beside that file, the link stays.
func TestOutputSymlinkFollowed(t *testing.T) {
	cfg := example(t)
	real := filepath.Join(t.TempDir(), "vrai.pdf")
	os.WriteFile(real, []byte("ancien"), 0o644)
	link := filepath.Join(t.TempDir(), "lien.pdf")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here")
	}
	res, err := Build(Options{Config: cfg, Out: link})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if b, _ := os.ReadFile(real); !bytes.Equal(b, res.PDF) {
		t.Error("the file the link leads to does not hold the PDF")
	}
	assertSum(t, real)
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(real), "archive", "vrai-version-inconnue-*.pdf"))
	if len(kept) != 1 {
		t.Errorf("previous file not archived: %v", kept)
	}
}

// assertSum fails unless pdf's .sha256 is there and names pdf's hash.
func assertSum(t *testing.T, pdf string) {
	t.Helper()
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(pdf + ".sha256")
	if err != nil {
		t.Fatalf("%s.sha256 missing", filepath.Base(pdf))
	}
	if want := hashOf(b) + "  " + filepath.Base(pdf) + "\n"; string(sum) != want {
		t.Fatalf("%s.sha256 = %q, the PDF's hash is %q", filepath.Base(pdf), sum, want)
	}
}

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// assertClean fails when a temporary or lock file is left in dir or its
// archive folder.
func assertClean(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Join(dir, "archive")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".cls-") || strings.HasSuffix(e.Name(), ".lock") {
				t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

// Builds running at the same time to one output take turns: every PDF
// that one of them replaced is in the archive, and the .sha256 matches the
// PDF. Real processes, as when a coordinator runs cls twice.
func TestConcurrentBuildsArchiveEveryVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds several contracts")
	}
	cfg := example(t)
	out := filepath.Join(t.TempDir(), "contrat.pdf")
	const procs, builds = 3, 4
	var mu sync.Mutex
	var sums []string
	var wg sync.WaitGroup
	for p := 0; p < procs; p++ {
		var lieux []string
		for b := 0; b < builds; b++ {
			lieux = append(lieux, "Lieu "+string(rune('A'+p))+string(rune('a'+b)))
		}
		cmd := helperCmd(t, "CLS_TEST_CONFIG="+cfg, "CLS_TEST_OUT="+out, "CLS_TEST_LIEUX="+strings.Join(lieux, ","))
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := cmd.Output()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("build process: %v %s", err, b)
			}
			sums = append(sums, strings.Fields(string(b))...)
		}()
	}
	wg.Wait()
	if len(sums) != procs*builds {
		t.Fatalf("%d builds reported, want %d", len(sums), procs*builds)
	}
	assertSum(t, out)
	final, _ := os.ReadFile(out)
	var want []string
	for _, s := range sums {
		if s != hashOf(final) {
			want = append(want, s[:12])
		}
	}
	entries, _ := os.ReadDir(filepath.Join(filepath.Dir(out), "archive"))
	var got []string
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(filepath.Dir(out), "archive", e.Name()))
		if !strings.HasSuffix(e.Name(), "-"+hashOf(b)[:12]+".pdf") {
			t.Errorf("archive %s does not hold the PDF its name says", e.Name())
		}
		got = append(got, hashOf(b)[:12])
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("archived %d PDFs, %d were replaced:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	assertClean(t, filepath.Dir(out))
}

// A build killed at any step of writing leaves the previous PDF or the new
// one, whole, and a .sha256 that matches it or none; the next build
// removes the leftovers, archives what was replaced and writes a right
// .sha256.
func TestCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds several contracts")
	}
	cfg := example(t)
	for _, crash := range []string{"locked", "staged contrat-version", "archived", "staged contrat.pdf", "staged contrat.pdf.sha256", "sha256 removed", "pdf renamed", "done"} {
		t.Run(crash, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "contrat.pdf")
			first, err := Build(Options{Config: cfg, Out: out, Overrides: map[string]string{"signature.lieu": "Premier"}})
			if err != nil {
				t.Fatal(err)
			}
			cmd := helperCmd(t, "CLS_TEST_CONFIG="+cfg, "CLS_TEST_OUT="+out, "CLS_TEST_LIEUX=Second", "CLS_TEST_CRASH="+crash)
			b, err := cmd.Output()
			if cmd.ProcessState.ExitCode() != 3 {
				t.Fatalf("the build did not stop at %q: %v %s", crash, err, b)
			}
			pdf, _ := os.ReadFile(out)
			if !bytes.Equal(pdf, first.PDF) && !strings.HasPrefix(string(pdf), "%PDF-") {
				t.Fatal("the PDF in place is neither the old one nor a whole new one")
			}
			if sum, err := os.ReadFile(out + ".sha256"); err == nil && string(sum) != hashOf(pdf)+"  contrat.pdf\n" {
				t.Fatalf("after a crash at %q the .sha256 disagrees with the PDF", crash)
			}
			// the next build puts everything right
			third, err := Build(Options{Config: cfg, Out: out, Overrides: map[string]string{"signature.lieu": "Troisième"}})
			if err != nil {
				t.Fatal(err)
			}
			assertSum(t, out)
			assertClean(t, filepath.Dir(out))
			kept, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "archive", "*-"+first.SHA256[:12]+".pdf"))
			if len(kept) != 1 {
				t.Error("the first PDF is not archived")
			}
			if b, _ := os.ReadFile(out); !bytes.Equal(b, third.PDF) {
				t.Error("the last build's PDF is not in place")
			}
		})
	}
}

// A .sha256 that disagrees with its PDF (left by an older version of cls,
// or edited by hand) is put right by the next build of the same PDF.
func TestWrongChecksumRepaired(t *testing.T) {
	cfg := example(t)
	out := filepath.Join(t.TempDir(), "contrat.pdf")
	if _, err := Build(Options{Config: cfg, Out: out}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out+".sha256", []byte("0000  contrat.pdf\n"), 0o644)
	if _, err := Build(Options{Config: cfg, Out: out}); err != nil {
		t.Fatal(err)
	}
	assertSum(t, out)
}

// A second command to an output whose lock is held waits, then gives up
// with a clear error.
func TestLockedOutputWaitsThenGivesUp(t *testing.T) {
	cfg := example(t)
	out := filepath.Join(t.TempDir(), "contrat.pdf")
	unlock, err := lockOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 2 * lockPoll
	_, err = Build(Options{Config: cfg, Out: out})
	want := out + " : un autre « cls build » écrit déjà ce fichier (verrou .contrat.pdf.lock toujours pris après 0 s d'attente) ; attendu qu'il ait fini : réessayer ensuite"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("written without the lock")
	}
}

// The avenant and the evaluation annex go through the same checks and
// the same writing.
func TestAvenantAndAnnexOutputsChecked(t *testing.T) {
	cfg := example(t)
	src := filepath.Join(filepath.Dir(cfg), "sources", "fiches.xlsx")
	_, err := Avenant(Options{Config: cfg}, 1, "", src)
	if err == nil || err.Error() != "--out "+src+" : ce fichier est une source du contrat ; il ne sera pas remplacé par le PDF ; attendu un autre chemin, par exemple output/contrat.pdf" {
		t.Errorf("avenant over a source: %v", err)
	}
	_, err = Evaluation(Options{Config: cfg}, 2026, src)
	if err == nil || err.Error() != "--out "+src+" : ce fichier est une source du contrat ; il ne sera pas remplacé par le PDF ; attendu un autre chemin, par exemple output/contrat.pdf" {
		t.Errorf("annex over a source: %v", err)
	}
}

// The next build removes its output's leftovers, and those of cls
// versions before the lock once an hour old; another output's are kept.
func TestLeftoversRemoved(t *testing.T) {
	cfg := example(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "contrat.pdf")
	files := map[string]bool{ // name → kept
		".contrat.pdf.cls-123.tmp": false,
		".cls-456.pdf.tmp":         false, // made two hours ago
		".cls-789.pdf.tmp":         true,  // made now: an older cls may be writing it
		".autre.pdf.cls-77.tmp":    true,
		".contrat.pdf.cls-x.tmp":   true, // not a name cls makes
	}
	for name := range files {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(filepath.Join(dir, ".cls-456.pdf.tmp"), old, old)
	if _, err := Build(Options{Config: cfg, Out: out}); err != nil {
		t.Fatal(err)
	}
	for name, kept := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}

// A name near the file systems' limit of 255 bytes still gets its lock,
// temporary files and archive.
func TestLongOutputName(t *testing.T) {
	cfg := example(t)
	dir := t.TempDir()
	long := filepath.Join(dir, strings.Repeat("é", 124)+".pdf") // 252 bytes
	_, err := Build(Options{Config: cfg, Out: long})
	if err == nil || err.Error() != "--out "+long+" : nom de fichier trop long (252 octets) : son fichier de contrôle .sha256 dépasserait les 255 octets qu'admettent les systèmes de fichiers ; attendu un nom de 248 octets au plus" {
		t.Errorf("got %v", err)
	}
	out := filepath.Join(dir, strings.Repeat("é", 122)+".pdf") // 248 bytes
	for _, lieu := range []string{"Un", "Deux"} {
		if _, err := Build(Options{Config: cfg, Out: out, Overrides: map[string]string{"signature.lieu": lieu}}); err != nil {
			t.Fatal(err)
		}
	}
	assertSum(t, out)
	if kept, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "archive", "*.pdf")); len(kept) != 1 {
		t.Errorf("archive: %v", kept)
	}
}
