package main

import (
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// getConsoleProcessList is kernel32's list of the processes attached to
// a console, which golang.org/x/sys/windows does not wrap.
var getConsoleProcessList = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownConsole reports whether cls is alone in its console window: Windows
// opened the window for it, as it does on a double-click in the
// Explorer, and closes it the moment cls ends. From a command prompt the
// prompt shares the console and keeps it open.
func ownConsole() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}

// holdWindow keeps a window Windows opened for cls until the coordinator
// has read it: without it, a double-click that ends at once (no cls.yaml
// here, a port already taken, a broken cls.yaml) shows a window that
// vanishes before a word of it can be read.
func holdWindow() {
	if !ownConsole() {
		return
	}
	waitForEnter(os.Stdin, os.Stdout)
}
