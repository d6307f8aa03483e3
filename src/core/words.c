/* The few words the outputs add around a transcript, in its language. */
#include <string.h>

#include "backend.h"
#include "langtag.h"

static const tr_words hans = { "视频", "频道", "日期", "发言人", "内容纲要",
	"目录", "：", "封面", "扉页", "导览", "正文", "页码", "前言", "附录",
	"、", "转录稿全文为文字：每段发言都标有发言人的姓名，标题和目录给出结构。",
	"封面图片有重复书名的替代文字。" };
static const tr_words hant = { "影片", "頻道", "日期", "發言人", "內容綱要",
	"目錄", "：", "封面", "扉頁", "導覽", "正文", "頁碼", "前言", "附錄",
	"、", "逐字稿全文為文字：每段發言都標有發言人的姓名，標題和目錄給出結構。",
	"封面圖片有重複書名的替代文字。" };
static const tr_words ja = { "動画", "チャンネル", "日付", "話者", "概要",
	"目次", "：", "表紙", "扉", "ランドマーク", "本文", "ページ", "前書き",
	"付録", "、", "書き起こしの全文はテキストです。発言ごとに話者の名前があり、"
	"見出しと目次が構成を示します。", "表紙の画像には書名を繰り返す代替テキストがあります。" };
static const tr_words en = { "Video", "Channel", "Date", "Speakers",
	"Outline", "Contents", ": ", "Cover", "Title page", "Landmarks",
	"Start of content", "Pages", "Preface", "Appendix", ", ",
	"A transcript in text: every speaker turn is marked with its "
	"speaker's name, and headings and a table of contents give the "
	"structure.", " The cover image has a text alternative that repeats "
	"the title." };

const tr_words *tr_words_for(const char *lang)
{
	switch (tr_lang_type(lang)) {
	case TR_TYPE_HANS:
		return &hans;
	case TR_TYPE_HANT:
	case TR_TYPE_HANT_HK:
		return &hant;
	case TR_TYPE_JA:
		return &ja;
	default:
		return &en;
	}
}
