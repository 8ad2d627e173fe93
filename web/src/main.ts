import { createApp } from 'vue'
// Element Plus styles come with each component (vite.config.ts); these
// two are called as functions, never named in a template.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'

createApp(App).use(i18n).use(router).mount('#app')
