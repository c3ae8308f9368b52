package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// TerritoryResult is the outcome of one territory of a BuildAll.
type TerritoryResult struct {
	Dir    string
	Result *Result
	Err    error
}

// BuildAll builds every territory folder (holding a cls.yaml) directly
// under dir, several at a time, each into its own output. One territory's
// failure does not stop the others. Results come in folder-name order.
func BuildAll(dir string, workers int, opt Options) ([]TerritoryResult, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s : dossier illisible (%v) ; attendu un dossier contenant un dossier par territoire", dir, err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "cls.yaml")); err == nil {
				dirs = append(dirs, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s : aucun dossier de territoire (avec cls.yaml) ; attendu un dossier par territoire", dir)
	}
	out := make([]TerritoryResult, len(dirs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := opt
				o.Config = filepath.Join(dirs[i], "cls.yaml")
				o.Sources, o.Templates, o.Out = "", "", ""
				res, err := Build(o)
				out[i] = TerritoryResult{Dir: dirs[i], Result: res, Err: err}
			}
		}()
	}
	for i := range dirs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out, nil
}
