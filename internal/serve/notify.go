package serve

import (
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// burst is how long the watcher lets a save finish after the system told
// of its first file: a save writes a few files within milliseconds.
const burst = 10 * time.Millisecond

// maxNotified bounds the folders the system is asked to report on: some
// systems (macOS) hold a file descriptor for every file of a watched
// folder. A territory has a handful of folders; the others are polled.
const maxNotified = 64

// notifier wakes the watcher as soon as the system reports a change in a
// watched folder, instead of at the next poll. The poll stays: it sees
// what the system does not report (network drives, a folder past
// maxNotified, a notifier that could not start) and decides, from the
// files' stamps, what changed; a report only makes it look sooner. A nil
// notifier reports nothing.
type notifier struct {
	w    *fsnotify.Watcher
	wake chan struct{}
	dirs map[string]bool
}

// newNotifier starts a notifier, or returns nil when the system offers
// none.
func newNotifier() *notifier {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil
	}
	n := &notifier{w: w, wake: make(chan struct{}, 1), dirs: map[string]bool{}}
	go n.relay()
	return n
}

// relay turns the system's reports into one pending wake; errors (an
// overflow of reports) wake too, the poll then tells what changed.
func (n *notifier) relay() {
	for {
		select {
		case _, ok := <-n.w.Events:
			if !ok {
				return
			}
		case _, ok := <-n.w.Errors:
			if !ok {
				return
			}
		}
		select {
		case n.wake <- struct{}{}:
		default:
		}
	}
}

// changes is the channel a report wakes; nil (never ready) for a nil
// notifier.
func (n *notifier) changes() <-chan struct{} {
	if n == nil {
		return nil
	}
	return n.wake
}

// follow asks the system to report on the folders of the watched files
// and on the watched folders themselves, up to maxNotified. A folder the
// system will not watch is left to the poll.
func (n *notifier) follow(snap snapshot, roots []string) {
	if n == nil {
		return
	}
	add := func(dir string) {
		if n.dirs[dir] || len(n.dirs) >= maxNotified {
			return
		}
		n.dirs[dir] = true // tried once: a refusal is not retried
		_ = n.w.Add(dir)
	}
	for _, r := range roots {
		add(filepath.Dir(r)) // a file root's folder; a folder root's parent sees it made or removed
		add(r)
	}
	for p := range snap {
		add(filepath.Dir(p))
	}
}

// close stops the notifier.
func (n *notifier) close() {
	if n != nil {
		n.w.Close()
	}
}
