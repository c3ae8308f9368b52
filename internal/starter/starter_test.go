package starter

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cls "github.com/contrat-local-sante/cls"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/labels"
)

// The name typed after --territoire reaches cls.yaml as typed, quotes and
// apostrophes included.
func TestNameReachesConfig(t *testing.T) {
	for _, name := range []string{DefaultName, `Intercom « Bernay » "Terres" de Normandie`, `Pays d'Auge \ Nord`} {
		dir := filepath.Join(t.TempDir(), "t")
		if _, err := Write(dir, name); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(filepath.Join(dir, "cls.yaml"), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.Territoire.Nom != name || len(cfg.Warnings) != 0 {
			t.Errorf("territoire.nom %q (warnings %v), want %q", cfg.Territoire.Nom, cfg.Warnings, name)
		}
	}
}

func TestNameRefused(t *testing.T) {
	for _, name := range []string{"", "  ", "Deux\nlignes", strings.Repeat("é", 501)} {
		dir := filepath.Join(t.TempDir(), "t")
		if _, err := Write(dir, name); err == nil || !strings.HasPrefix(err.Error(), "--territoire : ") {
			t.Errorf("%q: %v", name, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%q: the folder was created", name)
		}
	}
}

// A folder that holds anything is refused and left as it was; an empty
// one is filled.
func TestOnlyNewOrEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("à garder"), 0o644)
	_, err := Write(dir, DefaultName)
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "« notes.txt »") {
		t.Fatalf("non-empty folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused folder holds %d entries", len(entries))
	}
	if b, _ := os.ReadFile(keep); string(b) != "à garder" {
		t.Error("the existing file changed")
	}
	if _, err := Write(keep, DefaultName); err == nil || !strings.Contains(err.Error(), "c'est un fichier") {
		t.Errorf("a file as folder: %v", err)
	}
	empty := t.TempDir()
	if files, err := Write(empty, DefaultName); err != nil || len(files) < 20 {
		t.Errorf("empty folder: %d files, %v", len(files), err)
	}
}

// A write that fails half-way leaves nothing: the folder it created is
// gone, the empty folder it was given is empty again.
func TestFailureRemovesWhatWasWritten(t *testing.T) {
	calls := 0
	writeFile = func(name string, b []byte, perm os.FileMode) error {
		if calls++; calls == 7 {
			return &os.PathError{Op: "write", Path: name, Err: errors.New("disque plein")}
		}
		return os.WriteFile(name, b, perm)
	}
	defer func() { writeFile = os.WriteFile }()

	created := filepath.Join(t.TempDir(), "nouveau")
	if _, err := Write(created, DefaultName); err == nil || !strings.Contains(err.Error(), "écriture impossible") {
		t.Fatalf("no error: %v", err)
	}
	if _, err := os.Stat(created); !errors.Is(err, os.ErrNotExist) {
		t.Error("the folder it created is still there")
	}
	calls = 0
	given := t.TempDir()
	if _, err := Write(given, DefaultName); err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(given); len(entries) != 0 {
		t.Errorf("the given folder holds %d entries after the failure", len(entries))
	}
}

// The labels file shows every shipped label, commented out: it changes
// nothing until the coordinator uncomments a line.
func TestLabelsCommentedOut(t *testing.T) {
	b, err := commentedLabels()
	if err != nil {
		t.Fatal(err)
	}
	l, probs := labels.Parse(b, "templates/libelles.yaml", labels.Defaults())
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if got, want := l.Get("sommaire.titre"), labels.Defaults().Get("sommaire.titre"); got != want {
		t.Errorf("sommaire.titre %q, want %q", got, want)
	}
	shipped, _ := cls.Defaults.ReadFile("templates/libelles.yaml")
	for _, line := range strings.Split(string(shipped), "\n") {
		if strings.TrimSpace(line) != "" && !strings.Contains(string(b), "# "+line) && !strings.Contains(string(b), "#"+line) {
			t.Errorf("line %q of the shipped labels missing", line)
		}
	}
	uncommented := strings.Replace(string(b), "# sommaire:\n#   titre: Sommaire", "sommaire:\n  titre: Table", 1)
	if l, _ := labels.Parse([]byte(uncommented), "templates/libelles.yaml", labels.Defaults()); l.Get("sommaire.titre") != "Table" {
		t.Errorf("uncommenting a label does not change it (%q)", l.Get("sommaire.titre"))
	}
}

// The same name gives the same files, byte for byte.
func TestDeterministic(t *testing.T) {
	a, err := Files(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Files(DefaultName)
	for i := range a {
		if a[i].Name != b[i].Name || string(a[i].Content) != string(b[i].Content) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}
